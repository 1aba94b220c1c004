/**
 * Where a probe puts its text: the SQL of a SQL gem, a Filter's expression,
 * the dataset a Source reads, a derived column's name, a node id, or the
 * per-node template of a Mask gem.
 *
 * @public
 */
export type InjectionCarrier =
  | 'sql-gem'
  | 'expression'
  | 'dataset'
  | 'column-name'
  | 'node-id'
  | 'mask-template';

/**
 * One attempt to reach the warehouse host's files or network.
 *
 * @public
 */
export interface InjectionCase {
  /** What the attempt tries, for the test's name. */
  readonly name: string;
  /** Where the pipeline carries the text. */
  readonly carrier: InjectionCarrier;
  /** The text the attempt puts there. */
  readonly text: string;
}

/** The Hello World dataset every probe starts from; it has PII columns. */
const PROBE_DATASET = 'bronze_customers';

/**
 * The id of the node a probe previews.
 *
 * @public
 */
export const PROBE_NODE = 'probe';

/**
 * Attempts at file and network access through every DuckDB table function
 * and statement, and every way of smuggling them past a parser: comments,
 * quoting, escapes, several statements. `canary` is the path of a file the
 * test created; `target` a path that must never be written.
 *
 * @public
 */
export function injectionCorpus(options: {
  canary: string;
  target: string;
}): InjectionCase[] {
  const { canary, target } = options;
  const sql = (name: string, text: string): InjectionCase => ({
    name,
    carrier: 'sql-gem',
    text,
  });
  const reads = [
    'read_text',
    'read_blob',
    'read_csv',
    'read_csv_auto',
    'read_json',
    'read_json_auto',
    'read_json_objects',
    'read_parquet',
    'parquet_scan',
    'read_ndjson',
    'glob',
    'sniff_csv',
    'parquet_metadata',
  ];
  return [
    ...reads.map(fn =>
      sql(`table function ${fn}`, `SELECT * FROM ${fn}('${canary}')`),
    ),
    ...reads.map(fn =>
      sql(
        `${fn} in a subquery of the select list`,
        `SELECT (SELECT count(*) FROM ${fn}('${canary}')) AS c FROM customers`,
      ),
    ),
    sql('a file name as a table', `SELECT * FROM '${canary}'`),
    sql('a quoted file name as a table', `SELECT * FROM "${canary}"`),
    sql('a backquoted path', `SELECT * FROM parquet.\`${canary}\``),
    sql('a URL as a table', `SELECT * FROM 'https://example.com/data.csv'`),
    sql(
      'a URL through a table function',
      `SELECT * FROM read_csv('https://example.com/data.csv')`,
    ),
    sql('query_table', `SELECT * FROM query_table('bronze.customers')`),
    sql('query', `SELECT * FROM query('SELECT * FROM bronze.customers')`),
    sql('another table', `SELECT email AS c FROM bronze.customers`),
    sql(
      'another table in a subquery',
      `SELECT (SELECT max(email) FROM bronze.customers) AS c FROM customers`,
    ),
    sql(
      'a CTE shadowing a table outside its scope',
      `SELECT c FROM (WITH orders AS (SELECT 1 AS c) SELECT c FROM orders) AS x, bronze.orders`,
    ),
    sql('COPY to a file', `COPY customers TO '${target}'`),
    sql('COPY from a file', `COPY customers FROM '${canary}'`),
    sql('EXPORT DATABASE', `EXPORT DATABASE '${target}'`),
    sql('ATTACH', `ATTACH '${canary}' AS leak`),
    sql('INSTALL', 'INSTALL httpfs'),
    sql('LOAD', 'LOAD httpfs'),
    sql('PRAGMA', 'PRAGMA enable_external_access'),
    sql('SET', 'SET enable_external_access = true'),
    sql('INSERT', `INSERT INTO customers SELECT * FROM customers`),
    sql('CREATE', `CREATE TABLE leak AS SELECT * FROM customers`),
    sql(
      'a second statement',
      `SELECT email AS c FROM customers; SELECT content AS c FROM read_text('${canary}')`,
    ),
    sql(
      'a second statement after a line comment',
      `SELECT email AS c FROM customers --\n; SELECT content AS c FROM read_text('${canary}')`,
    ),
    sql(
      'a block comment hiding the end of a string',
      `SELECT '/*' AS c, content FROM read_text('${canary}') -- */`,
    ),
    sql(
      'nested block comments',
      `SELECT email AS c FROM customers /* /* */ , read_text('${canary}') -- */`,
    ),
    sql(
      'a backslash-escaped quote (Spark ends the string later than DuckDB)',
      `SELECT 'x\\' , (SELECT content FROM read_text('${canary}')) , '' AS c FROM customers`,
    ),
    sql('a doubled quote', `SELECT 'it''s' AS c FROM read_text('${canary}')`),
    sql(
      'a unicode escape spelling a table function',
      `SELECT * FROM U&"read\\005ftext"('${canary}')`,
    ),
    sql(
      'a dollar-quoted string',
      `SELECT $$x$$ AS c FROM read_text('${canary}')`,
    ),
    sql('getenv', `SELECT getenv('HOME') AS c FROM customers`),
    sql(
      'current_setting',
      `SELECT current_setting('temp_directory') AS c FROM customers`,
    ),
    sql(
      'reflect',
      `SELECT reflect('java.lang.System', 'getenv', 'HOME') AS c FROM customers`,
    ),
    sql(
      'java_method',
      `SELECT java_method('java.lang.System', 'getenv', 'HOME') AS c FROM customers`,
    ),
    sql(
      'duckdb_settings',
      `SELECT value AS c FROM duckdb_settings() WHERE name = 'temp_directory'`,
    ),
    ...[
      `length(read_text('${canary}')) > 0`,
      `getenv('HOME') = ''`,
      `customer_id = 1; ATTACH '${canary}' AS leak`,
      `customer_id = 1 OR exists(SELECT 1 FROM read_text('${canary}'))`,
      `email = 'x' UNION SELECT content FROM read_text('${canary}')`,
      `email = 'x\\' OR content = (SELECT content FROM read_text('${canary}'))`,
    ].map(
      (text, i): InjectionCase => ({
        name: `expression ${i + 1}`,
        carrier: 'expression',
        text,
      }),
    ),
    ...[
      `read_text('${canary}')`,
      'bronze.customers',
      canary,
      `${PROBE_DATASET}; ATTACH '${canary}' AS leak`,
    ].map(
      (text, i): InjectionCase => ({
        name: `dataset name ${i + 1}`,
        carrier: 'dataset',
        text,
      }),
    ),
    ...[
      `c" FROM read_text('${canary}') --`,
      `c, content`,
      `c\`; ATTACH '${canary}' AS leak`,
    ].map(
      (text, i): InjectionCase => ({
        name: `column name ${i + 1}`,
        carrier: 'column-name',
        text,
      }),
    ),
    ...[`probe" AS (SELECT * FROM read_text('${canary}')) --`].map(
      (text, i): InjectionCase => ({
        name: `node id ${i + 1}`,
        carrier: 'node-id',
        text,
      }),
    ),
    ...[
      `(SELECT content FROM read_text('${canary}'))`,
      `{{column}} || (SELECT max(email) FROM bronze.customers)`,
      `{{column}} || getenv('HOME')`,
      `{{column}}); ATTACH '${canary}' AS leak; SELECT (1`,
    ].map(
      (text, i): InjectionCase => ({
        name: `mask template ${i + 1}`,
        carrier: 'mask-template',
        text,
      }),
    ),
  ];
}

/**
 * A pipeline node as the project format writes it.
 *
 * @public
 */
export interface ProbeNode {
  /** The node's id in the pipeline. */
  id: string;
  /** The gem, e.g. `Filter`. */
  type: string;
  /** The gem's configuration. */
  config: Record<string, unknown>;
}

/**
 * A probe pipeline: its nodes in a row, each reading the one before.
 *
 * @public
 */
export interface ProbePipeline {
  /** The project format's version. */
  formatVersion: number;
  /** The pipeline's name. */
  name: string;
  /** The nodes, with the canvas positions the format requires. */
  nodes: Array<ProbeNode & { position: { x: number; y: number } }>;
  /** One edge from each node to the next. */
  edges: Array<{
    from: { node: string; port: string };
    to: { node: string; port: string };
  }>;
}

function pipelineOf(nodes: ProbeNode[]): ProbePipeline {
  return {
    formatVersion: 1,
    name: 'Probe',
    nodes: nodes.map((node, i) => ({
      ...node,
      position: { x: i * 240, y: 0 },
    })),
    edges: nodes.slice(1).map((node, i) => ({
      from: { node: nodes[i].id, port: 'out' },
      to: { node: node.id, port: node.type === 'SQL' ? 'in0' : 'in' },
    })),
  };
}

const source = (dataset = PROBE_DATASET): ProbeNode => ({
  id: 'customers',
  type: 'Source',
  config: { dataset },
});

/**
 * A pipeline that carries the probe's text and the node to preview, as the
 * JSON a preview request sends (and the YAML a pipeline file holds).
 *
 * @public
 */
export function injectionPipeline(probe: InjectionCase): {
  pipeline: ProbePipeline;
  nodeId: string;
} {
  switch (probe.carrier) {
    case 'sql-gem':
      return {
        pipeline: sqlGemPipeline(probe.text),
        nodeId: PROBE_NODE,
      };
    case 'expression':
      return {
        pipeline: pipelineOf([
          source(),
          { id: PROBE_NODE, type: 'Filter', config: { condition: probe.text } },
        ]),
        nodeId: PROBE_NODE,
      };
    case 'dataset':
      return {
        pipeline: pipelineOf([source(probe.text)]),
        nodeId: 'customers',
      };
    case 'column-name':
      return {
        pipeline: pipelineOf([
          source(),
          {
            id: PROBE_NODE,
            type: 'Reformat',
            config: { columns: [{ name: probe.text, expression: 'email' }] },
          },
        ]),
        nodeId: PROBE_NODE,
      };
    case 'node-id':
      return {
        pipeline: pipelineOf([
          source(),
          { id: probe.text, type: 'Filter', config: { condition: 'true' } },
        ]),
        nodeId: probe.text,
      };
    case 'mask-template':
      return {
        pipeline: maskedPipeline('email', {
          method: 'anonymize',
          template: { spark: probe.text, duckdb: probe.text },
        }),
        nodeId: 'masked',
      };
    default:
      throw new Error(`unknown carrier ${probe.carrier satisfies never}`);
  }
}

/**
 * Customers, then one SQL gem over them named `customers` in its query.
 *
 * @public
 */
export function sqlGemPipeline(
  text: string,
  columns: ReadonlyArray<{ name: string; type: string }> = [
    { name: 'c', type: 'string' },
  ],
): ProbePipeline {
  return pipelineOf([
    source(),
    {
      id: PROBE_NODE,
      type: 'SQL',
      config: { inputs: ['customers'], sql: text, schema: [...columns] },
    },
  ]);
}

/**
 * Customers with one column masked by a Mask gem `masked`, then `then`.
 *
 * @public
 */
export function maskedPipeline(
  column: string,
  mask: Record<string, unknown>,
  then: ProbeNode[] = [],
): ProbePipeline {
  return pipelineOf([
    source(),
    { id: 'masked', type: 'Mask', config: { column, ...mask } },
    ...then,
  ]);
}
