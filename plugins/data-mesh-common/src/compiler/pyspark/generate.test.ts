/**
 * @jest-environment node
 */
import { Dialect, init, parse } from '@polyglot-sql/sdk';
import { promises as fs } from 'fs';
import path from 'path';
import type { RuleFile, SubgraphFile } from '../../project';
import { datasets, edge, node } from '../__testUtils__/build';
import {
  PIPELINES,
  propagate,
  TestPipeline,
  TWO_TARGETS,
} from '../codegen/__testUtils__/pipelines';
import { lowerPipeline } from '../lower';
import { HELLO_WORLD, loadProject } from '../lower/__testUtils__/projects';
import { propagateSchemas } from '../propagate';
import { generatePySpark } from './generate';
import { checkPython, PythonCheck } from './__testUtils__/python3';

const FIXTURES = path.join(__dirname, '__fixtures__');
/** `UPDATE_GOLDEN=1 yarn test …` rewrites the expected files. */
const UPDATE = process.env.UPDATE_GOLDEN === '1';

function generate(pipeline: TestPipeline) {
  const propagation = propagate(pipeline);
  expect(propagation.diagnostics).toEqual([]);
  return generatePySpark(pipeline, propagation);
}

let polyglot: Promise<void> | undefined;
async function sparkParseError(sql: string): Promise<string | undefined> {
  polyglot ??= init();
  await polyglot;
  const result = parse(sql, Dialect.Spark);
  return result.success ? undefined : result.error ?? 'parse failed';
}

/** Gems the SQL goldens do not cover, and names Python needs changed. */
const PYSPARK_ONLY: Record<string, TestPipeline & { description?: string }> = {
  sql_mask_merge: {
    name: 'sql_mask_merge',
    nodes: [
      node('orders', 'Source', { dataset: 'orders' }),
      node('customers', 'Source', { dataset: 'customers' }),
      node('per_customer', 'SQL', {
        inputs: ['o', 'c'],
        sql: [
          '-- Totals per customer, with a "quoted" name and a \\ backslash',
          'SELECT c.id, c.email, sum(o.amount) AS total, \'a\\\\b "x"\' AS note',
          'FROM o JOIN c ON o.customer_id = c.id',
          'GROUP BY c.id, c.email;',
        ].join('\n'),
        schema: [
          { name: 'id', type: 'bigint' },
          { name: 'email', type: 'string' },
          { name: 'total', type: 'decimal(20,2)' },
        ],
      }),
      node('hidden', 'Mask', { column: 'email', method: 'hash' }),
      node('redacted', 'Mask', {
        column: 'total',
        method: 'redact',
        template: { spark: 'round({{column}}, -2)' },
      }),
      node('write', 'Target', {
        table: 'gold.customer_totals',
        mode: 'merge',
        mergeKeys: ['id'],
      }),
    ],
    edges: [
      edge('orders', 'per_customer', 'in0'),
      edge('customers', 'per_customer', 'in1'),
      edge('per_customer', 'hidden'),
      edge('hidden', 'redacted'),
      edge('redacted', 'write'),
    ],
  },
  awkward_names: {
    name: 'awkward_names',
    description:
      'Node ids that are not Python names: keywords, builtins, dashes, a leading digit, and "quotes" with a \\ backslash in this description.\nSecond paragraph.',
    nodes: [
      node('class', 'Source', { dataset: 'orders' }),
      node('filter', 'Filter', {
        condition: "status = 'it''s \"paid\"' OR status LIKE 'a\\\\%'",
      }),
      node('order-lines', 'Limit', { count: 10 }),
      node('order_lines', 'Limit', { count: 5 }),
      node('1st', 'Deduplicate', { keys: ['customer_id'], keep: 'first' }),
      node('write', 'Target', { table: 'silver.`odd table`', mode: 'append' }),
    ],
    edges: [
      edge('class', 'filter'),
      edge('filter', 'order-lines'),
      edge('order-lines', 'order_lines'),
      edge('order_lines', '1st'),
      edge('1st', 'write'),
    ],
  },
};

const GOLDEN = { ...PIPELINES, two_targets: TWO_TARGETS, ...PYSPARK_ONLY };

/**
 * The Hello World pipelines, lowered (subgraphs inlined, business rules
 * as Reformats), reading and writing their datasets' tables.
 */
const helloWorld = loadProject(HELLO_WORLD);
const loweredHelloWorld = Object.values(helloWorld.pipelines).map(pipeline => {
  const lowered = lowerPipeline(pipeline, helloWorld.context);
  const name = `hello_world.${pipeline.name}`;
  (GOLDEN as Record<string, TestPipeline>)[name] = lowered.pipeline;
  return { name, lowered };
});

// Generated once the SQL parser, which checks SQL gems, is loaded (setupTests).
let generated: Record<string, ReturnType<typeof generatePySpark>>;
let checks: Record<string, PythonCheck>;
beforeAll(() => {
  generated = Object.fromEntries(
    Object.entries({
      ...PIPELINES,
      two_targets: TWO_TARGETS,
      ...PYSPARK_ONLY,
    }).map(([name, pipeline]) => [
      name,
      generatePySpark(pipeline, propagate(pipeline)),
    ]),
  );
  for (const { name, lowered } of loweredHelloWorld) {
    const propagation = propagateSchemas(lowered.pipeline, helloWorld.context);
    generated[name] = generatePySpark(lowered.pipeline, propagation, {
      tables: dataset => helloWorld.context.datasets[dataset].table,
    });
    if (lowered.diagnostics.length || propagation.diagnostics.length) {
      generated[name] = {
        diagnostics: [...lowered.diagnostics, ...propagation.diagnostics],
      };
    }
  }
  const names = Object.keys(generated);
  const results = checkPython(names.map(name => generated[name].code ?? ''));
  checks = Object.fromEntries(names.map((name, i) => [name, results[i]]));
});

describe('generatePySpark golden files', () => {
  it.each(Object.keys(GOLDEN))('%s', async name => {
    const { code, diagnostics } = generated[name];
    expect(diagnostics).toEqual([]);
    const file = path.join(FIXTURES, `${name}.py`);
    if (UPDATE) {
      await fs.mkdir(FIXTURES, { recursive: true });
      await fs.writeFile(file, code!);
    }
    expect(code).toBe(await fs.readFile(file, 'utf8'));
  });
});

describe('generated PySpark', () => {
  it.each(Object.keys(GOLDEN))(
    '%s is Python whose functions use only names they define',
    name => {
      const { error, undefinedNames, unusedNames } = checks[name];
      expect({ error, undefinedNames, unusedNames }).toEqual({
        error: undefined,
        undefinedNames: [],
        unusedNames: [],
      });
    },
  );

  it.each(Object.keys(GOLDEN))(
    '%s passes Spark SQL that parses to F.expr, F.col, spark.sql and merge',
    async name => {
      const { expressions, queries, mergeConditions, columns } = checks[name];
      const sql = [...expressions, ...mergeConditions, ...columns];
      expect(sql.length).toBeGreaterThan(0);
      const problems: string[] = [];
      for (const text of sql) {
        const error = await sparkParseError(`SELECT ${text}`);
        if (text === null || error) problems.push(`${text}: ${error}`);
      }
      for (const text of queries) {
        const error = await sparkParseError(text);
        if (text === null || error) problems.push(`${text}: ${error}`);
      }
      expect(problems).toEqual([]);
    },
  );

  it('writes ComputeSales with its subgraph inlined', () => {
    const code = generated['hello_world.ComputeSales'].code!;
    expect(code).toContain('enrich__');
    expect(code).toContain(
      'return {\n        "sales_lines_out": completed_lines,\n        "totals_out": totals_sorted,\n        "daily_out": daily_sorted,\n    }',
    );
  });

  it('keeps string literals intact through Python escaping', () => {
    const { expressions, queries } = checks.awkward_names;
    expect(expressions).toContain(
      "status = 'it\\'s \"paid\"' OR status LIKE 'a\\\\%'",
    );
    const { queries: sql } = checks.sql_mask_merge;
    expect(queries).toEqual([]);
    expect(sql).toEqual([
      // Written from the parse: comments dropped, one clause per line.
      [
        '',
        'SELECT',
        '  c.id,',
        '  c.email,',
        '  SUM(o.amount) AS total,',
        '  \'a\\\\b "x"\' AS note',
        'FROM o',
        'JOIN c',
        '  ON o.customer_id = c.id',
        'GROUP BY',
        '  c.id,',
        '  c.email',
        '',
      ].join('\n'),
    ]);
  });

  it('names variables after node ids, made valid Python without clashes', () => {
    const code = generated.awkward_names.code!;
    expect(code).toContain('    class_ = spark.table("orders")');
    expect(code).toContain('    filter_ = class_.where(');
    expect(code).toContain('    order_lines_2 = filter_.limit(10)');
    expect(code).toContain('    order_lines = order_lines_2.limit(5)');
    expect(code).toContain('    n_1st = (');
    expect(code).toContain('return {"write": n_1st}');
  });

  it('writes each join type as the DataFrame API names it', () => {
    expect(generated.join_anti.code).toContain('"left_anti")');
    expect(generated.join_semi_full.code).toMatch(
      /"left_semi"\)[\s\S]*"full"\)[\s\S]*"right"\)/,
    );
  });

  it('spells out null ordering as the SQL generator means it', () => {
    const sorted = generated.order_limit.code!;
    expect(sorted).toContain('F.col("amount").desc_nulls_last()');
    expect(sorted).toContain('F.col("order_date").asc_nulls_last()');
    // Keep last: the reversed order, nulls flipped with it.
    expect(generated.deduplicate.code).toContain(
      'orderBy(\n        F.col("order_date").desc_nulls_last(), F.col("order_id").desc_nulls_last()\n    )',
    );
    expect(generated.deduplicate_first.code).toContain(
      'F.col("amount").desc_nulls_first(), F.col("order_id").asc_nulls_first()',
    );
  });

  it('imports DeltaTable only for a merge, and Window only when used', () => {
    expect(generated.sql_mask_merge.code).toContain(
      'from delta.tables import DeltaTable',
    );
    expect(generated.window.code).not.toContain('DeltaTable');
    expect(generated.window.code).toContain(
      'from pyspark.sql import DataFrame, SparkSession\n',
    );
    expect(generated.deduplicate.code).toContain(
      'from pyspark.sql import DataFrame, SparkSession, Window\n',
    );
  });

  it('reads and writes the tables the caller names', () => {
    const pipeline = PIPELINES.join_inner;
    const { code } = generatePySpark(pipeline, propagate(pipeline), {
      tables: dataset => `main.bronze.${dataset}`,
    });
    expect(code).toContain('spark.table("main.bronze.orders")');
    expect(code).toContain('spark.table("main.bronze.customers")');
    expect(code).toContain('.saveAsTable("result")');
  });

  it('uses the platform mask templates, a node template winning', () => {
    const pipeline = PYSPARK_ONLY.sql_mask_merge;
    const { code } = generatePySpark(pipeline, propagate(pipeline), {
      maskTemplates: {
        hash: { spark: 'sha2({{column}}, 512)' },
        redact: { spark: 'NULL' },
      },
    });
    expect(code).toContain(
      'hidden = per_customer.withColumn("email", F.expr("sha2(email, 512)"))',
    );
    expect(code).toContain('F.expr("round(total, -2)")');
  });
});

describe('generatePySpark diagnostics', () => {
  const vat: SubgraphFile = {
    formatVersion: 1,
    name: 'vat',
    inputs: [
      { name: 'in', schema: [{ name: 'amount', type: 'decimal(10,2)' }] },
    ],
    outputs: [
      { name: 'out', schema: [{ name: 'gross', type: 'decimal(18,2)' }] },
    ],
    nodes: [
      node('add', 'Reformat', {
        columns: [{ name: 'gross', expression: 'amount * 1.2' }],
        passThrough: true,
      }),
    ],
    edges: [edge('$input', 'add', 'in', 'in'), edge('add', '$output', 'out')],
  };
  const size: RuleFile = {
    formatVersion: 1,
    name: 'size',
    inputs: [{ name: 'value', type: 'decimal(18,2)' }],
    outputType: 'string',
    cases: [{ when: 'value >= 100', then: 'large' }],
    default: 'small',
  };
  it.each([
    ['Subgraph', { subgraph: 'vat' }],
    [
      'BusinessRule',
      { rule: 'size', outputColumn: 'size', bindings: { value: 'amount' } },
    ],
  ] as const)('asks for a %s gem to be lowered first', (type, config) => {
    const pipeline: TestPipeline = {
      name: 'unlowered',
      nodes: [
        node('orders', 'Source', { dataset: 'orders' }),
        node('gem', type, config as never),
        node('write', 'Target', { table: 'result', mode: 'overwrite' }),
      ],
      edges: [edge('orders', 'gem'), edge('gem', 'write')],
    };
    const propagation = propagateSchemas(pipeline, {
      datasets,
      subgraphs: { vat },
      rules: { size },
    });
    expect(propagation.diagnostics).toEqual([]);
    const result = generatePySpark(pipeline, propagation);
    expect(result.code).toBeUndefined();
    expect(result.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'not-supported',
        nodeId: 'gem',
        path: ['nodes', 1],
        message: `${type} gems are written as the gems they lower to: lower the pipeline first (lowerPipeline)`,
      },
    ]);
  });

  it('returns the propagation errors and no code for an invalid pipeline', () => {
    const pipeline: TestPipeline = {
      name: 'broken',
      nodes: [
        node('orders', 'Source', { dataset: 'orders' }),
        node('bad', 'Filter', { condition: 'nope > 1' }),
        node('write', 'Target', { table: 'result', mode: 'overwrite' }),
      ],
      edges: [edge('orders', 'bad'), edge('bad', 'write')],
    };
    const propagation = propagate(pipeline);
    const result = generatePySpark(pipeline, propagation);
    expect(result.code).toBeUndefined();
    expect(result.diagnostics).toEqual(propagation.diagnostics);
    expect(result.diagnostics.length).toBeGreaterThan(0);
  });

  it('reports a pipeline without a Target', () => {
    const pipeline: TestPipeline = {
      name: 'nowhere',
      nodes: [node('orders', 'Source', { dataset: 'orders' })],
      edges: [],
    };
    const result = generate(pipeline);
    expect(result.code).toBeUndefined();
    expect(result.diagnostics.map(d => [d.code, d.path])).toEqual([
      ['not-supported', ['nodes']],
    ]);
  });

  it('reports a mask template that does not use the column', () => {
    const pipeline: TestPipeline = {
      name: 'masked',
      nodes: [
        node('orders', 'Source', { dataset: 'orders' }),
        node('hidden', 'Mask', {
          column: 'status',
          method: 'redact',
          template: { spark: "'x'" },
        }),
        node('write', 'Target', { table: 'result', mode: 'overwrite' }),
      ],
      edges: [edge('orders', 'hidden'), edge('hidden', 'write')],
    };
    const result = generate(pipeline);
    expect(result.code).toBeUndefined();
    expect(result.diagnostics.map(d => [d.nodeId, d.code, d.path])).toEqual([
      ['hidden', 'not-supported', ['nodes', 1, 'config', 'template', 'spark']],
    ]);
  });

  it('reports SQL gems whose temp views would read the wrong data', () => {
    const query = (id: string, input: string) =>
      node(id, 'SQL', {
        inputs: [input],
        sql: `SELECT id FROM ${input}`,
        schema: [{ name: 'id', type: 'bigint' }],
      });
    const pipeline: TestPipeline = {
      name: 'views',
      nodes: [
        node('customers', 'Source', { dataset: 'customers' }),
        node('orders', 'Source', { dataset: 'orders' }),
        node('ids', 'Reformat', {
          columns: [{ name: 'id', expression: 'order_id' }],
        }),
        query('first', 'x'),
        query('second', 'x'),
        query('third', 'customers'),
        node('both', 'Union', { mode: 'byName', inputs: 3 }),
        node('write', 'Target', { table: 'result', mode: 'overwrite' }),
      ],
      edges: [
        edge('customers', 'first', 'in0'),
        edge('orders', 'ids'),
        edge('ids', 'second', 'in0'),
        edge('ids', 'third', 'in0'),
        edge('first', 'both', 'in0'),
        edge('second', 'both', 'in1'),
        edge('third', 'both', 'in2'),
        edge('both', 'write'),
      ],
    };
    const propagation = propagateSchemas(pipeline, { datasets });
    expect(propagation.diagnostics).toEqual([]);
    const result = generatePySpark(pipeline, propagation);
    expect(result.code).toBeUndefined();
    expect(result.diagnostics.map(d => [d.nodeId, d.path])).toEqual([
      ['second', ['nodes', 4, 'config', 'inputs', 0]],
      ['third', ['nodes', 5, 'config', 'inputs', 0]],
    ]);
  });
});
