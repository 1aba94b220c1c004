/**
 * @jest-environment node
 */
import { Dialect, init, parse } from '@polyglot-sql/sdk';
import { analyzeExpression } from '../expression/analyze';
import { defaultFunctionCatalogue } from '../expression/functions/catalogue';
import type { FunctionDefinition } from '../expression/functions/definition';
import { FUNCTION_EXAMPLE_SCOPE } from '../expression/functions/exampleScope';
import { renderExpression } from '../expression/render';
import { SqlTypes } from '../expression/types';
import {
  duckDbDialect,
  SQL_DIALECT_NAMES,
  sqlDialect,
  sparkSqlDialect,
} from '.';
import type { SqlDialect, SqlDialectName } from '.';

const DIALECTS: SqlDialect[] = SQL_DIALECT_NAMES.map(name => sqlDialect(name));

beforeAll(() => init());

/** The statement parsed by polyglot-sql with the dialect's rules. */
function parsed(dialect: SqlDialect, sql: string) {
  const result = parse(sql, Dialect[dialect.polyglotDialect]);
  if (!result.success) throw new Error(`${sql}: ${result.error}`);
  expect(result.ast).toHaveLength(1);
  return result.ast[0] as any;
}

describe.each(DIALECTS.map(d => [d.name, d] as const))(
  'the %s dialect',
  (name, dialect) => {
    it('is the dialect of its name', () => {
      expect(sqlDialect(name)).toBe(dialect);
      expect(dialect.name).toBe(name);
    });

    it.each([
      'customer_id',
      'order id',
      'select',
      'Order',
      'from',
      'a`b',
      'a"b',
      'naïve',
      '1st',
    ])('quotes %j so that its parser reads the same name', identifier => {
      const quoted = dialect.quoteIdentifier(identifier);
      const [item] = parsed(dialect, `SELECT ${quoted} FROM t`).select
        .expressions;
      expect(item.column.name.name).toBe(identifier);
    });

    it('leaves plain names unquoted unless told to quote always', () => {
      expect(dialect.quoteIdentifier('customer_id')).toBe('customer_id');
      expect(dialect.quoteIdentifier('customer_id', 'always')).not.toBe(
        'customer_id',
      );
    });

    it.each(["it's", 'C:\\temp', 'plain', 'ünïcode'])(
      'writes the string %j as a literal its parser reads back',
      value => {
        const [item] = parsed(
          dialect,
          `SELECT ${dialect.stringLiteral(value)} FROM t`,
        ).select.expressions;
        expect(item.literal).toEqual({ literal_type: 'string', value });
      },
    );

    it('writes a MERGE its parser accepts, matching keys null-safely', () => {
      const lines = dialect.mergeStatement({
        table: 'gold.customers',
        query: ['SELECT id, name', 'FROM staged'],
        columns: ['id', 'name'],
        keys: ['id'],
      });
      const sql = lines.join('\n');
      expect(lines[0]).toMatch(/^MERGE INTO gold\.customers AS /);
      expect(sql).toContain('WHEN MATCHED THEN UPDATE SET');
      expect(sql).toContain('WHEN NOT MATCHED THEN INSERT (');
      expect(lines[lines.length - 1]).toBe(');');
      const on = lines.find(line => line.startsWith('ON '));
      expect(on).toBe(
        `ON ${
          dialect.nullSafeEquals(
            `${dialect.quoteIdentifier('target')}.id`,
            `${dialect.quoteIdentifier('source')}.id`,
          ).sql
        }`,
      );
      expect(parsed(dialect, sql)).toBeDefined();
    });

    it('updates nothing in a MERGE when every column is a key', () => {
      const sql = dialect
        .mergeStatement({
          table: 't',
          query: ['SELECT id FROM s'],
          columns: ['id'],
          keys: ['id'],
        })
        .join('\n');
      expect(sql).not.toContain('WHEN MATCHED');
      expect(parsed(dialect, sql)).toBeDefined();
    });

    it('has a default Mask template its parser accepts for every method', () => {
      for (const template of Object.values(dialect.maskTemplates)) {
        const sql = `SELECT ${template.split('{{column}}').join('c')} FROM t`;
        expect(parsed(dialect, sql)).toBeDefined();
      }
    });

    it.each(defaultFunctionCatalogue.functions.map(f => [f.name, f] as const))(
      'renders the example of %s to SQL its parser accepts',
      (_, definition) => {
        const sql = renderExpression(
          analyzeExpression(definition.example, FUNCTION_EXAMPLE_SCOPE),
          name,
        );
        // Window examples need their OVER clause inside a SELECT.
        expect(parsed(dialect, `SELECT ${sql} AS v FROM orders`)).toBeDefined();
      },
    );
  },
);

describe('function tables', () => {
  it.each(DIALECTS.map(d => [d.name, d] as const))(
    'hold the %s renderings of the default catalogue, by canonical name',
    (name, dialect) => {
      const withRendering = defaultFunctionCatalogue.functions
        .filter(f => f.render?.[name as SqlDialectName])
        .map(f => f.name)
        .sort();
      expect(Object.keys(dialect.functions).sort()).toEqual(withRendering);
      for (const definition of defaultFunctionCatalogue.functions) {
        expect(dialect.functionRenderer(definition)).toBe(
          dialect.functions[definition.name],
        );
      }
    },
  );

  it("use an extension function's own rendering", () => {
    const extension: FunctionDefinition = {
      name: 'mask_email',
      category: 'string',
      kind: 'scalar',
      description: 'The e-mail address with its local part hidden.',
      signatures: [
        {
          parameters: [{ name: 'email', type: 'string' }],
          returns: SqlTypes.string,
        },
      ],
      example: "mask_email('a@b.c')",
      render: {
        duckdb: ({ args }) => `regexp_replace(${args[0].sql}, '^[^@]*', '***')`,
      },
    };
    const functions = defaultFunctionCatalogue.extend([extension]);
    const bound = analyzeExpression(
      "mask_email('a@b.c')",
      { inputs: [] },
      { functions },
    );
    expect(renderExpression(bound, 'duckdb', { functions })).toBe(
      "regexp_replace('a@b.c', '^[^@]*', '***')",
    );
    expect(renderExpression(bound, 'spark', { functions })).toBe(
      "mask_email('a@b.c')",
    );
  });
});

describe('null ordering', () => {
  it('is left to Spark where its defaults put NULLs where asked', () => {
    const order = sparkSqlDialect.nullOrder;
    expect(order({ descending: false, nulls: 'FIRST', explicit: false })).toBe(
      undefined,
    );
    expect(order({ descending: true, nulls: 'LAST', explicit: false })).toBe(
      undefined,
    );
    expect(order({ descending: false, nulls: 'LAST', explicit: false })).toBe(
      'LAST',
    );
    expect(order({ descending: false, nulls: 'FIRST', explicit: true })).toBe(
      'FIRST',
    );
  });

  it('is written on every DuckDB key, whose defaults differ from Spark', () => {
    expect(
      duckDbDialect.nullOrder({
        descending: false,
        nulls: 'FIRST',
        explicit: false,
      }),
    ).toBe('FIRST');
    expect(
      duckDbDialect.nullOrder({
        descending: true,
        nulls: 'LAST',
        explicit: false,
      }),
    ).toBe('LAST');
  });
});

describe('transactions', () => {
  it('wrap a DuckDB script and leave a Spark one as it is', () => {
    const statements = ['DELETE FROM t;', 'INSERT INTO t VALUES (1);'];
    expect(duckDbDialect.transaction(statements)).toEqual([
      'BEGIN TRANSACTION;',
      ...statements,
      'COMMIT;',
    ]);
    expect(sparkSqlDialect.transaction(statements)).toEqual(statements);
  });
});

describe('sqlDialect', () => {
  it('refuses a name that is no dialect', () => {
    expect(() => sqlDialect('postgres' as SqlDialectName)).toThrow(
      "unknown SQL dialect 'postgres'; expected one of spark, duckdb",
    );
  });
});
