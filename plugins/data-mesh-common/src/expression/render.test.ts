import { raise, SPARK_ERRORS } from '../dialect/duckdbNumbers';
import { analyzeExpression } from './analyze';
import { quoteIdentifier, renderStringLiteral } from './dialect';
import { isExpressionError } from './errors';
import { defaultFunctionCatalogue } from './functions/catalogue';
import { signature } from './functions/define';
import { expressionLineage, referencedColumns } from './lineage';
import { parseExpression } from './parser';
import { formatExpression, renderExpression, RenderOptions } from './render';
import type { BindingScope } from './scope';
import { SqlTypes } from './types';

const { string, int, double, date, timestamp, boolean } = SqlTypes;

const INVALID_ARRAY_INDEX = raise(SPARK_ERRORS.arrayIndex);

const scope: BindingScope = {
  inputs: [
    {
      alias: 'in0',
      columns: [
        { name: 'id', type: int },
        { name: 'name', type: string },
        { name: 'order_date', type: date },
        { name: 'signup', type: timestamp },
        { name: 'price', type: double },
        { name: 'tags', type: SqlTypes.array(string) },
        { name: 'paid', type: boolean },
        { name: 'order id', type: int },
        { name: 'select', type: string },
        { name: 'Say "hi"', type: string },
      ],
    },
  ],
};

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

const spark = (text: string, options?: RenderOptions) =>
  renderExpression(analyzeExpression(text, scope), 'spark', options);
const duckdb = (text: string, options?: RenderOptions) =>
  renderExpression(analyzeExpression(text, scope), 'duckdb', options);

describe('renderExpression', () => {
  describe('translates the Spark functions DuckDB spells differently', () => {
    it.each([
      ['sha2(name, 256)', 'sha256(name)'],
      [
        "date_format(order_date, 'yyyy-MM-dd')",
        "strftime(CAST(order_date AS TIMESTAMP), '%Y-%m-%d')",
      ],
      [
        "date_format(signup, 'd MMM yyyy, h:mm a')",
        "strftime(signup, '%-d %b %Y, %-I:%M %p')",
      ],
      [
        'datediff(order_date, DATE "2024-01-01")',
        // Spark's datediff is an int, DuckDB's a bigint.
        "CAST(datediff('day', DATE '2024-01-01', order_date) AS INTEGER)",
      ],
      [
        'datediff(MONTH, order_date, DATE "2024-03-01")',
        // Whole months as Java counts them (2024-01-31 to 2024-02-29 is 0).
        "divide(((year((CAST(CAST(DATE '2024-03-01' AS TIMESTAMP) AS DATE))) * 12 + month((CAST(CAST(DATE '2024-03-01' AS TIMESTAMP) AS DATE))) - 1) * 32 + day((CAST(CAST(DATE '2024-03-01' AS TIMESTAMP) AS DATE)))) - ((year(CAST(CAST(order_date AS TIMESTAMP) AS DATE)) * 12 + month(CAST(CAST(order_date AS TIMESTAMP) AS DATE)) - 1) * 32 + day(CAST(CAST(order_date AS TIMESTAMP) AS DATE))), 32)",
      ],
      ['date_add(order_date, 7)', 'order_date + 7'],
      ['date_add(signup, id)', 'CAST(signup AS DATE) + id'],
      ["name RLIKE '^\\\\d+$'", "regexp_matches(name, '^\\d+$')"],
      ["regexp(name, 'a')", "regexp_matches(name, 'a')"],
      [
        "regexp_replace(name, '(\\\\w+) (\\\\w+)', '$2 $1')",
        "regexp_replace(name, '(\\w+) (\\w+)', '\\2 \\1', 'g')",
      ],
      ['nvl(name, "n/a")', "coalesce(name, 'n/a')"],
      ["split(name, ',')", "string_split_regex(name, ',')"],
      [
        'collect_list(name)',
        'coalesce(list(name) FILTER (WHERE name IS NOT NULL), [])',
      ],
      ['size(tags)', 'CAST(len(tags) AS INTEGER)'],
      ["concat('#', id, name)", "'#' || id || name"],
      ['log(price)', 'ln(price)'],
      ['dayofweek(order_date)', 'CAST(dayofweek(order_date) + 1 AS INTEGER)'],
      [
        'extract(YEAR FROM order_date)',
        'CAST(year(CAST(order_date AS TIMESTAMP)) AS INTEGER)',
      ],
      ["trim(LEADING '0' FROM name)", "ltrim(name, '0')"],
      ["position('a' IN name)", "CAST(strpos(name, 'a') AS INTEGER)"],
      ['date_add(NULL, 1)', 'CAST(NULL AS DATE) + 1'],
      [
        "to_date('16', 'dd')",
        "CAST(CASE WHEN NOT regexp_full_match('16', '\\d{2}', 'i') THEN error('Could not parse string \"' || '16' || '\" according to format specifier \"%d\"') ELSE strptime('1970 ' || '16', '%Y %d') END AS DATE)",
      ],
      ['if(paid, 1, 0)', 'CASE WHEN paid THEN 1 ELSE 0 END'],
    ])('%s → %s', (text, expected) => {
      expect(duckdb(text)).toBe(expected);
    });
  });

  describe('writes operators with each dialect’s semantics', () => {
    it.each([
      ['a <=> b', 'id <=> price', 'id IS NOT DISTINCT FROM price'],
      ['integral division', 'id DIV 2', 'CAST(id // 2 AS BIGINT)'],
      [
        'decimal division',
        'CAST(price AS DECIMAL(9, 2)) DIV 2',
        'CAST(CAST(CAST(CAST(CAST(price AS VARCHAR) AS DECIMAL(9, 2)) AS DECIMAL(38, 2)) * 100 AS HUGEINT) // 200 AS BIGINT)',
      ],
      [
        'truncating casts',
        'CAST(price AS INT)',
        'CAST(trunc(price) AS INTEGER)',
      ],
      ['safe casts', 'TRY_CAST(name AS DATE)', 'TRY_CAST(name AS DATE)'],
      [
        '0-based subscripts',
        'tags[0]',
        `CASE WHEN 0 >= len(tags) THEN ${INVALID_ARRAY_INDEX} ELSE tags[1] END`,
      ],
      [
        'computed subscripts',
        'tags[id - 1]',
        `CASE WHEN id - 1 < 0 OR id - 1 >= len(tags) THEN ${INVALID_ARRAY_INDEX} ELSE tags[id - 1 + 1] END`,
      ],
      [
        'date plus interval',
        'order_date + INTERVAL 3 DAY',
        'CAST(order_date + INTERVAL 3 DAY AS DATE)',
      ],
      [
        'negative intervals',
        'signup + INTERVAL -3 HOUR',
        "signup + INTERVAL '-3' HOUR",
      ],
      [
        'strings compared with dates',
        "order_date >= '2024-01-01'",
        "order_date >= DATE '2024-01-01'",
      ],
      [
        'LIKE with Spark’s default escape',
        "name LIKE 'a\\\\_%'",
        "name LIKE 'a\\_%' ESCAPE '\\'",
      ],
      ['LIKE without escapes', "name LIKE 'a%'", "name LIKE 'a%'"],
      [
        'LIKE with a computed pattern',
        'name LIKE `select`',
        'name LIKE "select" ESCAPE \'\\\'',
      ],
      ['NOT RLIKE', "name NOT RLIKE 'x'", "NOT regexp_matches(name, 'x')"],
      ['bigint suffix', '10L', 'CAST(10 AS BIGINT)'],
      ['decimal suffix', '10BD', 'CAST(10 AS DECIMAL(2, 0))'],
      ['double suffix', '1.5D', 'CAST(1.5 AS DOUBLE)'],
      ['quotes and backslashes', "'It\\'s C:\\\\temp'", "'It''s C:\\temp'"],
      ['chained comparisons', '(id = 1) = paid', '(id = 1) = paid'],
      [
        'concatenation next to addition',
        'name || (id + 1)',
        'name || (id + 1)',
      ],
      ['concatenation chains', 'name || id || name', 'name || id || name'],
    ])('%s', (_, text, expected) => {
      expect(duckdb(text)).toBe(expected);
    });

    it('makes Spark’s NULL ordering explicit in DuckDB windows', () => {
      const text =
        'rank() OVER (PARTITION BY name ORDER BY price DESC, id, order_date ASC NULLS LAST)';
      expect(spark(text)).toBe(
        'rank() OVER (PARTITION BY name ORDER BY price DESC, id, order_date ASC NULLS LAST)',
      );
      expect(duckdb(text)).toBe(
        'CAST(rank() OVER (PARTITION BY name ORDER BY price DESC NULLS LAST, id NULLS FIRST, order_date ASC NULLS LAST) AS INTEGER)',
      );
    });

    it('keeps the OVER clause on the aggregate when DuckDB wraps it', () => {
      expect(
        duckdb(
          'sum(id) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)',
        ),
      ).toBe(
        'CAST(sum(id) OVER (ORDER BY id NULLS FIRST ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS BIGINT)',
      );
    });
  });

  describe('quotes names only where needed', () => {
    it.each([
      ['id + `order id`', 'id + `order id`', 'id + "order id"'],
      ['`select`', '`select`', '"select"'],
      ['`Say "hi"`', '`Say "hi"`', '"Say ""hi"""'],
      ['in0.name', 'in0.name', 'in0.name'],
    ])('%s', (text, sparkSql, duckdbSql) => {
      expect(spark(text)).toBe(sparkSql);
      expect(duckdb(text)).toBe(duckdbSql);
    });

    it('quotes everything when asked to', () => {
      expect(spark('in0.id + 1', { quoteIdentifiers: 'always' })).toBe(
        '`in0`.`id` + 1',
      );
      expect(duckdb('in0.id + 1', { quoteIdentifiers: 'always' })).toBe(
        '"in0"."id" + 1',
      );
    });

    it('quotes and escapes any name', () => {
      expect(quoteIdentifier('a`b', 'spark')).toBe('`a``b`');
      expect(quoteIdentifier('user', 'spark')).toBe('`user`');
      expect(quoteIdentifier('user', 'duckdb')).toBe('user');
      expect(quoteIdentifier('order', 'duckdb')).toBe('"order"');
    });
  });

  it('writes column names as the schema declares them', () => {
    expect(spark('IN0.NAME')).toBe('IN0.name');
  });

  it('lets the caller qualify and rename columns', () => {
    const options: RenderOptions = {
      columnReference: ({ resolved, name }) =>
        resolved?.column === 'order id'
          ? { sql: 'orders_cte.order_no' }
          : { qualifier: 'orders_cte', name: name.toUpperCase() },
    };
    expect(spark('upper(name) || `order id`', options)).toBe(
      'upper(orders_cte.NAME) || orders_cte.order_no',
    );
    expect(duckdb('in0.name', options)).toBe('orders_cte.NAME');
  });

  it('drops a qualifier when the hook leaves it out', () => {
    expect(
      spark('in0.name', { columnReference: ({ name }) => ({ name }) }),
    ).toBe('name');
  });

  it('renders an unbound tree to Spark only', () => {
    const expression = parseExpression('upper(x)');
    expect(renderExpression(expression, 'spark')).toBe('upper(x)');
    expect(() => renderExpression(expression as never, 'duckdb')).toThrow(
      'rendering to DuckDB needs a bound expression',
    );
  });

  it('reports a construct a dialect cannot write at its position', () => {
    const functions = defaultFunctionCatalogue.extend([
      {
        name: 'mask',
        category: 'string',
        kind: 'scalar',
        description: 'Masks a value (Spark only).',
        signatures: [signature([{ name: 'value', type: 'string' }], string)],
        example: "mask('x')",
        render: {
          duckdb: context => context.fail('mask has no DuckDB rendering', 0),
        },
      },
    ]);
    const bound = analyzeExpression('1 + length(mask(name))', scope, {
      functions,
    });
    expect(renderExpression(bound, 'spark')).toBe('1 + length(mask(name))');
    const error = thrownBy(() => renderExpression(bound, 'duckdb'));
    expect(isExpressionError(error)).toBe(true);
    expect(error).toMatchObject({
      message: '1:17: mask has no DuckDB rendering',
      code: 'unsupported',
    });
  });
});

describe('string literals', () => {
  it('escape for Spark and double quotes for DuckDB', () => {
    expect(renderStringLiteral("a'b\\c\nd", 'spark')).toBe("'a\\'b\\\\c\\nd'");
    expect(renderStringLiteral("a'b\\c\nd", 'duckdb')).toBe(
      "('a''b\\c' || chr(10) || 'd')",
    );
    expect(renderStringLiteral("it's", 'duckdb')).toBe("'it''s'");
    expect(renderStringLiteral('\u0001', 'spark')).toBe("'\\u0001'");
  });
});

describe('lineage', () => {
  it('lists the input columns an expression reads, once each', () => {
    const bound = analyzeExpression(
      'upper(name) || name || in0.`order id`',
      scope,
    );
    expect(referencedColumns(bound)).toEqual([
      { input: 'in0', column: 'name', type: string },
      { input: 'in0', column: 'order id', type: int },
    ]);
  });

  it('gives the canonical formula with the columns', () => {
    const bound = analyzeExpression('UCASE( Name )||"!"', scope);
    expect(expressionLineage(bound)).toEqual({
      formula: "upper(name) || '!'",
      columns: [{ input: 'in0', column: 'name', type: string }],
    });
    expect(formatExpression(bound)).toBe("upper(name) || '!'");
  });
});

describe('multilineCase', () => {
  const text =
    "CASE WHEN a > 1 THEN 'x' WHEN a > 0 THEN CASE WHEN b THEN 'y' ELSE 'z' END ELSE 'w' END";

  it('puts each branch of the outermost CASE on its own line', () => {
    expect(
      renderExpression(parseExpression(text), 'spark', {
        multilineCase: true,
      }),
    ).toBe(
      [
        'CASE',
        "  WHEN a > 1 THEN 'x'",
        "  WHEN a > 0 THEN CASE WHEN b THEN 'y' ELSE 'z' END",
        "  ELSE 'w'",
        'END',
      ].join('\n'),
    );
  });

  it('keeps a CASE of one branch, and CASE by default, on one line', () => {
    expect(
      renderExpression(parseExpression('CASE WHEN a THEN 1 END'), 'spark', {
        multilineCase: true,
      }),
    ).toBe('CASE WHEN a THEN 1 END');
    expect(renderExpression(parseExpression(text), 'spark')).not.toContain(
      '\n',
    );
  });
});
