/**
 * @jest-environment node
 */
import fs from 'fs';
import path from 'path';
import {
  analyzeExpression,
  ColumnSchema,
  ParameterSchema,
  formatSqlType,
  parseSqlType,
  sqlTypesEqual,
} from '../expression';
import {
  ProjectFileContents,
  ProjectFileKind,
  projectFileKindOf,
} from './fileKinds';
import { parseProjectFile } from './parse';
import { PipelineNode } from './schema/graph';
import {
  SUBGRAPH_INPUT_NODE,
  SUBGRAPH_OUTPUT_NODE,
  SubgraphFile,
} from './schema/subgraph';
import { serializeProjectFile } from './serialize';

/**
 * The white paper's Hello World project in examples/hello-world: every file
 * is valid and canonical, the files refer to each other correctly, and every
 * expression type checks against the schemas that flow from the bronze
 * datasets (whose columns data-mesh-node's helloWorldBronze test compares
 * with the demo warehouse generators) into the datasets the pipelines write.
 */
const ROOT = path.resolve(__dirname, '../../../../examples/hello-world');

function walk(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(directory, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

const fileNames = walk(ROOT)
  .map(full => path.relative(ROOT, full).split(path.sep).join('/'))
  // The README and the code `meshwork compile` generates are not project files.
  .filter(fileName => fileName !== 'README.md')
  .filter(
    fileName => !/^(generated\/|resources\/|databricks\.yml$)/.test(fileName),
  )
  .sort();

const files = fileNames.map(fileName => {
  const kind = projectFileKindOf(fileName);
  const text = fs.readFileSync(path.join(ROOT, fileName), 'utf8');
  const result = kind ? parseProjectFile(kind, fileName, text) : undefined;
  return { fileName, kind, text, result };
});

function all<K extends ProjectFileKind>(kind: K): ProjectFileContents[K][] {
  return files
    .filter(f => f.kind === kind && f.result?.value)
    .map(f => f.result!.value as ProjectFileContents[K]);
}

function byName<K extends Exclude<ProjectFileKind, 'project'>>(
  kind: K,
): Map<string, ProjectFileContents[K]> {
  return new Map(
    all(kind).map(value => [(value as { name: string }).name, value]),
  );
}

const pipelines = byName('pipeline');
const subgraphs = byName('subgraph');
const rules = byName('rule');
const datasets = byName('dataset');
const jobs = byName('job');

type Columns = readonly ColumnSchema[];

const typeText = (columns: Columns) =>
  columns.map(c => `${c.name}: ${formatSqlType(c.type)}`);

function datasetColumns(name: string): Columns {
  const dataset = datasets.get(name);
  if (!dataset) throw new Error(`no dataset ${name}`);
  return dataset.contract.columns.map(c => ({
    name: c.name,
    type: parseSqlType(c.type),
  }));
}

function column(columns: Columns, name: string, where: string): ColumnSchema {
  const found = columns.find(c => c.name === name);
  if (!found) throw new Error(`${where}: no column ${name}`);
  return found;
}

function bind(
  text: string,
  inputs: { alias: string; columns: Columns }[],
  where: string,
  allow: { aggregates?: boolean; windows?: boolean } = {},
  parameters: ParameterSchema[] = [],
) {
  try {
    return analyzeExpression(
      text,
      { inputs, parameters },
      {
        allowAggregates: allow.aggregates ?? false,
        allowWindows: allow.windows ?? false,
      },
    );
  } catch (error) {
    throw new Error(`${where}: ${text}: ${(error as Error).message}`);
  }
}

const sortSql = (
  items: readonly { expression: string; direction?: string; nulls?: string }[],
) =>
  items
    .map(
      i =>
        `${i.expression}${i.direction ? ` ${i.direction}` : ''}${
          i.nulls ? ` NULLS ${i.nulls}` : ''
        }`,
    )
    .join(', ');

/**
 * The schema of each output port of one gem, from the schemas of its input
 * ports; throws when an expression does not type check.
 */
function gemOutputs(
  node: PipelineNode,
  input: (port: string) => Columns,
  where: string,
  parameters: ParameterSchema[],
): Record<string, Columns> {
  const at = `${where} node ${node.id}`;
  const bindHere = (
    text: string,
    inputs: { alias: string; columns: Columns }[],
    place: string,
    allow: { aggregates?: boolean; windows?: boolean } = {},
  ) => bind(text, inputs, place, allow, parameters);
  const single = () => [{ alias: 'in', columns: input('in') }];
  const config = node.config as any;
  switch (node.type) {
    case 'Source':
      return { out: datasetColumns(config.dataset) };
    case 'Target': {
      expect({ at, columns: typeText(input('in')) }).toEqual({
        at,
        columns: typeText(datasetColumns(config.dataset)),
      });
      for (const key of config.mergeKeys ?? []) column(input('in'), key, at);
      return {};
    }
    case 'Filter':
      expect(bindHere(config.condition, single(), at).type.kind).toBe(
        'boolean',
      );
      return { out: input('in') };
    case 'OrderBy':
      for (const item of config.orderBy)
        bindHere(item.expression, single(), at);
      return { out: input('in') };
    case 'Deduplicate':
      for (const key of config.keys) bindHere(key, single(), at);
      for (const item of config.orderBy ?? [])
        bindHere(item.expression, single(), at);
      return { out: input('in') };
    case 'Mask':
      expect(column(input('in'), config.column, at).type.kind).toBe('string');
      return { out: input('in') };
    case 'Reformat': {
      const rename = new Map<string, string>(
        (config.rename ?? []).map((r: any) => [r.from, r.to]),
      );
      const derived: ColumnSchema[] = config.columns.map((c: any) => ({
        name: c.name,
        type: bindHere(c.expression, single(), at).type,
      }));
      const passed: ColumnSchema[] = config.passThrough
        ? input('in')
            .filter(c => !(config.drop ?? []).includes(c.name))
            .map(c => ({ ...c, name: rename.get(c.name) ?? c.name }))
            .filter(c => !derived.some(d => d.name === c.name))
        : [];
      return { out: [...passed, ...derived] };
    }
    case 'Join': {
      const inputs = config.inputs.map((i: any, index: number) => ({
        alias: i.alias,
        columns: input(`in${index}`),
      }));
      config.inputs.slice(1).forEach((i: any, index: number) => {
        const visible = inputs.slice(0, index + 2);
        expect(bindHere(i.condition, visible, at).type.kind).toBe('boolean');
      });
      return {
        out: config.columns.map((c: any) => ({
          name: c.name,
          type: bindHere(c.expression, inputs, at).type,
        })),
      };
    }
    case 'Aggregate': {
      const keys = (config.groupBy ?? []).map((key: string) => ({
        name: key,
        type: column(input('in'), key, at).type,
      }));
      const aggregates = config.aggregates.map((a: any) => {
        const bound = bindHere(a.expression, single(), at, {
          aggregates: true,
        });
        expect(bound.isAggregate).toBe(true);
        return { name: a.name, type: bound.type };
      });
      return { out: [...keys, ...aggregates] };
    }
    case 'Window': {
      const over = [
        config.partitionBy?.length
          ? `PARTITION BY ${config.partitionBy.join(', ')}`
          : '',
        config.orderBy?.length ? `ORDER BY ${sortSql(config.orderBy)}` : '',
      ]
        .filter(Boolean)
        .join(' ');
      const added = config.columns.map((c: any) => ({
        name: c.name,
        type: bindHere(`${c.expression} OVER (${over})`, single(), at, {
          aggregates: true,
          windows: true,
        }).type,
      }));
      return { out: [...input('in'), ...added] };
    }
    case 'BusinessRule': {
      const rule = rules.get(config.rule);
      if (!rule) throw new Error(`${at}: no rule ${config.rule}`);
      expect(Object.keys(config.bindings).sort()).toEqual(
        rule.inputs.map(i => i.name).sort(),
      );
      for (const ruleInput of rule.inputs) {
        const bound = bindHere(config.bindings[ruleInput.name], single(), at);
        expect(sqlTypesEqual(bound.type, parseSqlType(ruleInput.type))).toBe(
          true,
        );
      }
      return {
        out: [
          ...input('in'),
          { name: config.outputColumn, type: parseSqlType(rule.outputType) },
        ],
      };
    }
    case 'Subgraph': {
      const subgraph = subgraphs.get(config.subgraph);
      if (!subgraph) throw new Error(`${at}: no subgraph ${config.subgraph}`);
      for (const port of subgraph.inputs) {
        const upstream = input(port.name);
        for (const declared of port.schema) {
          const actual = column(upstream, declared.name, `${at}.${port.name}`);
          expect({
            at,
            column: declared.name,
            type: formatSqlType(actual.type),
          }).toEqual({
            at,
            column: declared.name,
            type: formatSqlType(parseSqlType(declared.type)),
          });
        }
      }
      return Object.fromEntries(
        subgraph.outputs.map(port => [
          port.name,
          port.schema.map(c => ({ name: c.name, type: parseSqlType(c.type) })),
        ]),
      );
    }
    default:
      throw new Error(`${at}: the Hello World test does not know ${node.type}`);
  }
}

/**
 * Propagates schemas through a graph in dependency order. Returns the
 * schema arriving at each `$output` port of a subgraph.
 */
function propagate(
  graph: {
    nodes: readonly PipelineNode[];
    edges: readonly {
      from: { node: string; port: string };
      to: { node: string; port: string };
    }[];
    parameters?: readonly { name: string; type: string }[];
  },
  where: string,
  subgraphInputs: Record<string, Columns> = {},
): Record<string, Columns> {
  const parameters = (graph.parameters ?? []).map(p => ({
    name: p.name,
    type: parseSqlType(p.type),
  }));
  const outputs = new Map<string, Record<string, Columns>>([
    [SUBGRAPH_INPUT_NODE, subgraphInputs],
  ]);
  const upstream = (node: string, port: string) => {
    const edge = graph.edges.find(
      e => e.to.node === node && e.to.port === port,
    );
    if (!edge) throw new Error(`${where}: nothing feeds ${node}.${port}`);
    return edge.from;
  };
  const pending = [...graph.nodes];
  while (pending.length > 0) {
    const index = pending.findIndex(node =>
      graph.edges
        .filter(e => e.to.node === node.id)
        .every(e => outputs.has(e.from.node)),
    );
    if (index < 0) throw new Error(`${where}: cycle`);
    const [node] = pending.splice(index, 1);
    outputs.set(
      node.id,
      gemOutputs(
        node,
        port => {
          const from = upstream(node.id, port);
          const columns = outputs.get(from.node)![from.port];
          if (!columns) throw new Error(`${where}: no port ${from.port}`);
          return columns;
        },
        where,
        parameters,
      ),
    );
  }
  return Object.fromEntries(
    graph.edges
      .filter(e => e.to.node === SUBGRAPH_OUTPUT_NODE)
      .map(e => [e.to.port, outputs.get(e.from.node)![e.from.port]]),
  );
}

describe('examples/hello-world', () => {
  it('has the white paper files', () => {
    expect(fileNames).toEqual([
      'datasets/CustomerOrder.dataset.yaml',
      'datasets/DailySummary.dataset.yaml',
      'datasets/TotalSales.dataset.yaml',
      'datasets/bronze_accounts.dataset.yaml',
      'datasets/bronze_customers.dataset.yaml',
      'datasets/bronze_order_lines.dataset.yaml',
      'datasets/bronze_orders.dataset.yaml',
      'datasets/bronze_products.dataset.yaml',
      'datasets/silver_account_lengths.dataset.yaml',
      'datasets/silver_customer_accounts.dataset.yaml',
      'datasets/silver_customer_orders.dataset.yaml',
      'datasets/silver_sales_lines.dataset.yaml',
      'jobs/DailySummary.job.yaml',
      'jobs/Job-Test.job.yaml',
      'meshwork.yaml',
      'pipelines/ComputeSales.pipeline.yaml',
      'pipelines/CustomerAccounts.pipeline.yaml',
      'pipelines/Join-customers-redo.pipeline.yaml',
      'pipelines/account_length_days.pipeline.yaml',
      'rules/CommonSalesClassification.rule.yaml',
      'subgraphs/EnrichSales.subgraph.yaml',
      'tests/CommonSalesClassification.test.yaml',
      'tests/ComputeSales.test.yaml',
      'tests/CustomerAccounts.test.yaml',
      'tests/EnrichSales.test.yaml',
      'tests/Join-customers-redo.test.yaml',
      'tests/account_length_days.test.yaml',
    ]);
  });

  it.each(files.map(f => [f.fileName, f] as const))(
    '%s parses without diagnostics and is in canonical form',
    (_, file) => {
      expect(file.kind).toBeDefined();
      expect(file.result!.diagnostics).toEqual([]);
      expect(serializeProjectFile(file.kind!, file.result!.value!)).toBe(
        file.text,
      );
    },
  );

  it('belongs to sales-analytics in the sales domain', () => {
    const [project] = all('project');
    expect(project).toMatchObject({
      name: 'hello-world',
      owner: 'group:default/sales-analytics',
      domain: 'sales',
      system: 'sales-insights',
    });
    for (const dataset of datasets.values()) {
      expect(dataset.owner).toBe(project.owner);
    }
  });

  it('refers only to files that exist', () => {
    const graphs = [...pipelines.values(), ...subgraphs.values()];
    const missing = graphs.flatMap(graph =>
      graph.nodes.flatMap(node => {
        const config = node.config as Record<string, string>;
        const reference: Record<string, [string, Map<string, unknown>]> = {
          Source: ['dataset', datasets],
          Target: ['dataset', datasets],
          BusinessRule: ['rule', rules],
          Subgraph: ['subgraph', subgraphs],
        };
        const [kind, known] = reference[node.type] ?? [];
        const name = kind && config[kind];
        return known && !known.has(name!)
          ? [`${graph.name}.${node.id}: ${kind} ${name}`]
          : [];
      }),
    );
    expect(missing).toEqual([]);
    for (const job of jobs.values()) {
      for (const task of job.tasks) {
        expect([...pipelines.keys()]).toContain(task.pipeline);
      }
    }
  });

  it('reads the bronze datasets and writes each other dataset exactly once', () => {
    const written = [...pipelines.values()].flatMap(p =>
      p.nodes
        .filter(n => n.type === 'Target')
        .map(n => (n.config as { dataset: string }).dataset),
    );
    const read = new Set(
      [...pipelines.values()].flatMap(p =>
        p.nodes
          .filter(n => n.type === 'Source')
          .map(n => (n.config as { dataset: string }).dataset),
      ),
    );
    const bronze = [...datasets.values()].filter(d => d.layer === 'bronze');
    expect([...read].sort()).toEqual(bronze.map(d => d.name).sort());
    expect([...written].sort()).toEqual(
      [...datasets.values()]
        .filter(d => d.layer !== 'bronze')
        .map(d => d.name)
        .sort(),
    );
  });

  it('uses the gems of the white paper', () => {
    const types = new Set(
      [...pipelines.values(), ...subgraphs.values()].flatMap(g =>
        g.nodes.map(n => n.type),
      ),
    );
    expect([...types].sort()).toEqual(
      [
        'Aggregate',
        'BusinessRule',
        'Deduplicate',
        'Filter',
        'Join',
        'Mask',
        'OrderBy',
        'Reformat',
        'Source',
        'Subgraph',
        'Target',
        'Window',
      ].sort(),
    );
  });

  it('has a rule whose cases type check over its inputs', () => {
    const rule = rules.get('CommonSalesClassification')!;
    expect(rule.inputs.map(i => i.name)).toEqual([
      'business_size',
      'sector',
      'geography',
      'region',
    ]);
    const inputs = [
      {
        alias: 'rule',
        columns: rule.inputs.map(i => ({
          name: i.name,
          type: parseSqlType(i.type),
        })),
      },
    ];
    for (const c of rule.cases) {
      expect(bind(c.when, inputs, 'rule').type.kind).toBe('boolean');
    }
    expect(rule.cases.map(c => c.then)).toEqual([
      'Public',
      'Strategic',
      'Enterprise',
      'Commercial',
    ]);
    expect(rule.default).toBe('SMB');
  });

  it.each([...subgraphs.keys()])(
    'subgraph %s produces the outputs it declares',
    name => {
      const subgraph: SubgraphFile = subgraphs.get(name)!;
      const inputs = Object.fromEntries(
        subgraph.inputs.map(port => [
          port.name,
          port.schema.map(c => ({ name: c.name, type: parseSqlType(c.type) })),
        ]),
      );
      const outputs = propagate(subgraph, name, inputs);
      for (const port of subgraph.outputs) {
        expect(typeText(outputs[port.name])).toEqual(
          port.schema.map(
            c => `${c.name}: ${formatSqlType(parseSqlType(c.type))}`,
          ),
        );
      }
    },
  );

  it.each([...pipelines.keys()])(
    'pipeline %s type checks from the bronze columns to its targets',
    name => {
      expect(() => propagate(pipelines.get(name)!, name)).not.toThrow();
    },
  );

  it('publishes the gold datasets with contracts', () => {
    const gold = [...datasets.values()].filter(d => d.layer === 'gold');
    expect(gold.map(d => d.name).sort()).toEqual([
      'CustomerOrder',
      'DailySummary',
      'TotalSales',
    ]);
    for (const dataset of datasets.values()) {
      expect({ name: dataset.name, visibility: dataset.visibility }).toEqual({
        name: dataset.name,
        visibility: dataset.layer === 'gold' ? 'published' : 'internal',
      });
    }
    for (const dataset of gold) {
      expect(dataset.description).toBeTruthy();
      expect(dataset.contract.columns.every(c => c.description)).toBe(true);
      expect(dataset.contract.quality?.length).toBeGreaterThan(0);
      expect(dataset.contract.sla?.freshnessHours).toBeGreaterThan(0);
    }
    const contactColumns = [...datasets.values()].flatMap(dataset =>
      dataset.contract.columns
        .filter(c => c.name === 'email' || c.name === 'phone')
        .map(c => `${dataset.name}.${c.name}: ${c.classification}`),
    );
    expect(contactColumns.length).toBeGreaterThan(0);
    expect(contactColumns.filter(c => !c.endsWith(': pii'))).toEqual([]);
  });

  it('hashes emails before publishing them', () => {
    const pipeline = pipelines.get('Join-customers-redo')!;
    const mask = pipeline.nodes.find(n => n.type === 'Mask')!;
    expect(mask.config).toEqual({ column: 'email', method: 'hash' });
    const edge = pipeline.edges.find(e => e.from.node === mask.id)!;
    const target = pipeline.nodes.find(n => n.id === edge.to.node)!;
    expect(target.config).toMatchObject({ dataset: 'CustomerOrder' });
  });

  it('schedules DailySummary every morning and pauses Job Test', () => {
    const daily = jobs.get('DailySummary')!;
    expect(daily.schedule).toEqual({
      cron: '0 0 6 * * ?',
      timezone: 'Europe/Amsterdam',
      paused: false,
    });
    expect(daily.tasks.map(t => t.pipeline).sort()).toEqual(
      [...pipelines.keys()].sort(),
    );
    // Tasks are listed in an order that runs: each after what it depends on.
    daily.tasks.forEach((task, index) => {
      for (const dependency of task.dependsOn ?? []) {
        expect(daily.tasks.slice(0, index).map(t => t.key)).toContain(
          dependency,
        );
      }
    });
    const test = jobs.get('Job-Test')!;
    expect(test.schedule?.paused).toBe(true);
    expect(test.tasks).toHaveLength(1);
  });
});

describe('names of files', () => {
  const pipeline = (name: string, nodeId = 'orders', dataset = 'orders') =>
    [
      'formatVersion: 1',
      `name: ${name}`,
      'nodes:',
      `  - id: ${nodeId}`,
      '    type: Source',
      '    position: { x: 0, y: 0 }',
      '    config:',
      `      dataset: ${dataset}`,
      'edges: []',
      '',
    ].join('\n');
  const errors = (fileName: string, text: string) =>
    parseProjectFile('pipeline', fileName, text)
      .diagnostics.filter(d => d.severity !== 'info')
      .map(d => `${d.path}: ${d.code}`);

  it('may contain hyphens, in the file and in references to it', () => {
    expect(
      errors(
        'pipelines/Join-customers-redo.pipeline.yaml',
        pipeline('Join-customers-redo', 'orders', 'raw-orders'),
      ),
    ).toEqual([]);
  });

  it.each(['Job Test', '-orders', 'orders-', 'orders--raw', '1orders', 'a.b'])(
    'may not be %j',
    name => {
      expect(
        errors('pipelines/x.pipeline.yaml', pipeline(JSON.stringify(name))),
      ).toEqual(['name: invalid-value']);
      expect(
        errors(
          'pipelines/orders.pipeline.yaml',
          pipeline('orders', 'orders', JSON.stringify(name)),
        ),
      ).toEqual(['nodes[0].config.dataset: invalid-value']);
    },
  );

  it('does not extend to identifiers used in generated SQL', () => {
    expect(
      errors(
        'pipelines/orders.pipeline.yaml',
        pipeline('orders', 'raw-orders'),
      ),
    ).toEqual(['nodes[0].id: invalid-value']);
  });
});
