import { quoteIdentifier, SqlDialect } from '../../expression';
import type { PipelineFile, PipelineNode } from '../../project';
import { hasErrors } from '../diagnostics';
import type { NodeOf } from '../gems/gem';
import { ancestors, topologicalOrder, upstreamNodes } from '../graph';
import type { CompilerDiagnostic, SchemaPropagation } from '../types';
import { CodegenProblem, gemGenerators, tableName } from './gems';
import type { MaskTemplates } from './maskTemplates';
import { comment, indent, selectList } from './text';

/**
 * Options of {@link generateSql}.
 *
 * @public
 */
export interface GenerateSqlOptions {
  readonly dialect: SqlDialect;
  /**
   * The table a dataset of the project is read from or written to, as SQL
   * used verbatim (`main.bronze.orders`). Default: the dataset's name.
   */
  readonly tables?: (dataset: string) => string;
  /**
   * The platform's Mask templates by method and dialect, replacing the
   * defaults (`DEFAULT_MASK_TEMPLATES`); a node's own `template` wins
   * over both.
   */
  readonly maskTemplates?: MaskTemplates;
}

/**
 * The result of {@link generateSql}: the SQL script, or diagnostics saying
 * why there is none.
 *
 * @public
 */
export interface GeneratedSql {
  readonly sql?: string;
  readonly diagnostics: readonly CompilerDiagnostic[];
}

const DIALECT_NAMES: Record<SqlDialect, string> = {
  spark: 'Spark SQL',
  duckdb: 'DuckDB SQL',
};

/**
 * Generates the SQL of a pipeline for a dialect, from its graph and its
 * propagated schemas (which must have no errors).
 *
 * The script has one statement per Target gem, each a chain of CTEs named
 * after the gems upstream of it (one per gem, in graph order), the same in
 * both dialects:
 *
 * - mode `overwrite`: `CREATE OR REPLACE TABLE <table> AS WITH … SELECT …`
 * - mode `append`: `INSERT INTO <table> (<columns>) WITH … SELECT …`
 * - mode `merge`: `MERGE INTO <table> AS target USING (WITH … SELECT …)`
 *   `AS source ON <merge keys equal, nulls matching nulls>`, updating the
 *   other columns of matched rows and inserting the rest.
 *
 * It writes the primitive gems: Subgraph and BusinessRule gems are reported
 * (`not-supported`); run `lowerPipeline` first, or use `compilePipeline`,
 * which does.
 *
 * @public
 */
export function generateSql(
  pipeline: Pick<PipelineFile, 'name' | 'nodes' | 'edges'>,
  propagation: SchemaPropagation,
  options: GenerateSqlOptions,
): GeneratedSql {
  if (hasErrors(propagation.diagnostics)) {
    return {
      diagnostics: propagation.diagnostics.filter(d => d.severity === 'error'),
    };
  }
  const { dialect } = options;
  const diagnostics: CompilerDiagnostic[] = [];
  const indexOf = new Map<string, number>();
  pipeline.nodes.forEach((node, index) => {
    if (!indexOf.has(node.id)) indexOf.set(node.id, index);
  });
  const nodes = new Map(
    [...indexOf].map(([id, index]) => [id, pipeline.nodes[index]]),
  );
  const upstreamOf = upstreamNodes(pipeline.edges);
  const { order } = topologicalOrder(
    [...nodes.keys()],
    pipeline.edges.map(e => ({ from: e.from.node, to: e.to.node })),
  );

  const problem = (at: string, error: CodegenProblem) => {
    const id = error.nodeId ?? at;
    const diagnostic: CompilerDiagnostic = {
      severity: 'error',
      code: error.code,
      nodeId: id,
      path: [
        'nodes',
        indexOf.get(id)!,
        ...(error.field.length ? ['config', ...error.field] : []),
      ],
      message: error.message,
    };
    // A gem shared by several Targets is reported once.
    if (
      !diagnostics.some(d => d.nodeId === id && d.message === error.message)
    ) {
      diagnostics.push(diagnostic);
    }
  };

  // Every gem's CTE body, generated once and shared by the Targets using it.
  const bodies = new Map<string, string[] | undefined>();
  const body = (id: string): string[] | undefined => {
    if (bodies.has(id)) return bodies.get(id);
    const node = nodes.get(id)!;
    let lines: string[] | undefined;
    try {
      lines = generateGem(node, upstreamOf.get(id) ?? {}, propagation, options);
    } catch (error) {
      if (!(error instanceof CodegenProblem)) throw error;
      problem(id, error);
    }
    bodies.set(id, lines);
    return lines;
  };

  const statements: string[] = [];
  const targets = order
    .map(id => nodes.get(id)!)
    .filter((n): n is NodeOf<'Target'> => n.type === 'Target');
  if (targets.length === 0) {
    diagnostics.push({
      severity: 'error',
      code: 'not-supported',
      path: ['nodes'],
      message: 'the pipeline has no Target gem, so there is nothing to write',
    });
  }
  for (const target of targets) {
    const upstream = ancestors(target.id, upstreamOf);
    const ctes = order
      .filter(id => upstream.has(id))
      .map(id => ({ id, lines: body(id) }));
    try {
      const statement = writeStatement(
        target,
        ctes,
        nodes,
        upstreamOf.get(target.id)?.in,
        propagation,
        options,
      );
      if (statement) statements.push(statement);
    } catch (error) {
      if (!(error instanceof CodegenProblem)) throw error;
      problem(target.id, error);
    }
  }

  if (hasErrors(diagnostics)) return { diagnostics };
  const merges = targets.some(t => t.config.mode === 'merge');
  const header = [
    comment(
      `Pipeline ${pipeline.name}: ${DIALECT_NAMES[dialect]}, generated by meshwork — do not edit.`,
    ),
    comment(
      `One statement per Target (overwrite: CREATE OR REPLACE TABLE … AS; append: INSERT INTO${
        merges ? '; merge: MERGE INTO' : ''
      });`,
    ),
    comment('one CTE per gem, named after its node id.'),
  ];
  return {
    sql: `${[header.join('\n'), ...statements].join('\n\n')}\n`,
    diagnostics,
  };
}

/** The CTE body of one gem (the preview writes the same bodies). */
export function generateGem(
  node: PipelineNode,
  upstream: Record<string, string>,
  propagation: SchemaPropagation,
  options: GenerateSqlOptions,
): string[] {
  const generate = gemGenerators[node.type] as
    | ((context: unknown) => string[])
    | undefined;
  if (!generate) {
    // Subgraph and BusinessRule: lowerPipeline rewrites them into these.
    throw new CodegenProblem(
      `${node.type} gems are written as the gems they lower to: lower the pipeline first (lowerPipeline, or compilePipeline)`,
      'not-supported',
    );
  }
  const inputs = propagation.inputs.get(node.id) ?? {};
  const output = propagation.ports.get(node.id)?.out;
  if (!output) {
    throw new CodegenProblem(
      `node "${node.id}" has no propagated output schema`,
      'internal-error',
    );
  }
  return generate({
    node,
    dialect: options.dialect,
    upstream,
    inputs: Object.fromEntries(
      Object.entries(inputs).map(([port, schema]) => [port, schema.columns]),
    ),
    output: output.columns,
    tables: options.tables,
    maskTemplates: options.maskTemplates,
  });
}

/** One Target's statement: the CTEs it reads, then the write. */
function writeStatement(
  target: NodeOf<'Target'>,
  ctes: ReadonlyArray<{ id: string; lines: string[] | undefined }>,
  nodes: ReadonlyMap<string, PipelineNode>,
  last: string | undefined,
  propagation: SchemaPropagation,
  options: GenerateSqlOptions,
): string | undefined {
  const { dialect } = options;
  const { dataset, table, mode } = target.config;
  const columns = propagation.inputs.get(target.id)?.in?.columns;
  if (last === undefined || !columns) {
    throw new CodegenProblem(
      `Target "${target.id}" has no input`,
      'internal-error',
    );
  }
  // A gem that failed has already been reported.
  if (ctes.some(c => !c.lines)) return undefined;
  ctes.forEach(({ id }, index) => {
    const node = nodes.get(id);
    if (node?.type !== 'Source') return;
    const read = tableName(node.config, dialect, options.tables);
    const shadow = ctes
      .slice(0, index)
      .find(
        c =>
          quoteIdentifier(c.id, dialect).toLowerCase() === read.toLowerCase(),
      );
    if (shadow) {
      throw new CodegenProblem(
        `Source "${id}" reads table ${read}, which the CTE of node "${shadow.id}" would hide; qualify the table (schema.table) or rename the node`,
        'not-supported',
        [],
        id,
      );
    }
  });
  const name = tableName(target.config, dialect, options.tables);
  const names = columns.map(c => quoteIdentifier(c.name, dialect));
  const withClause = ctes.flatMap(({ id, lines }, i) => [
    `${i === 0 ? 'WITH ' : ''}${quoteIdentifier(id, dialect)} AS (`,
    ...indent(lines!),
    i < ctes.length - 1 ? '),' : ')',
  ]);
  const query = [
    ...withClause,
    ...selectList(names),
    `FROM ${quoteIdentifier(last, dialect)}`,
  ];
  const what = dataset !== undefined ? `dataset ${dataset}` : `table ${table}`;
  if (mode === 'merge') {
    const keys = (target.config.mergeKeys ?? []).map((key, index) => {
      const column = columns.find(
        c => c.name.toLowerCase() === key.toLowerCase(),
      );
      if (!column) {
        throw new CodegenProblem(
          `merge key "${key}" is not a column of the Target's input`,
          'internal-error',
          ['mergeKeys', index],
        );
      }
      return column.name;
    });
    return [
      comment(`Target ${target.id}: merges into ${what} on ${keys.join(', ')}`),
      ...mergeStatement(
        name,
        query,
        columns.map(c => c.name),
        keys,
        dialect,
      ),
    ].join('\n');
  }
  const write =
    mode === 'overwrite'
      ? [`CREATE OR REPLACE TABLE ${name} AS`]
      : [`INSERT INTO ${name} (`, ...indent(commaList(names)), ')'];
  return [
    comment(
      `Target ${target.id}: ${
        mode === 'overwrite' ? 'replaces' : 'appends to'
      } ${what}`,
    ),
    ...write,
    ...query.slice(0, -1),
    `${query[query.length - 1]};`,
  ].join('\n');
}

/**
 * `MERGE INTO`: rows whose keys match (a null key matching a null key, as
 * Spark's `<=>` does) get the other columns updated, the others are
 * inserted. Columns are listed explicitly, which both dialects accept and
 * which says exactly what is written.
 */
function mergeStatement(
  table: string,
  query: readonly string[],
  columns: readonly string[],
  keys: readonly string[],
  dialect: SqlDialect,
): string[] {
  const q = (name: string) => quoteIdentifier(name, dialect);
  const target = q('target');
  const source = q('source');
  const equal = (key: string) =>
    dialect === 'spark'
      ? `${target}.${q(key)} <=> ${source}.${q(key)}`
      : `${target}.${q(key)} IS NOT DISTINCT FROM ${source}.${q(key)}`;
  const updated = columns.filter(c => !keys.includes(c));
  return [
    `MERGE INTO ${table} AS ${target}`,
    'USING (',
    ...indent(query),
    `) AS ${source}`,
    ...keys.map((key, i) => `${i === 0 ? 'ON' : '  AND'} ${equal(key)}`),
    // With only key columns there is nothing to update.
    ...(updated.length
      ? [
          'WHEN MATCHED THEN UPDATE SET',
          ...indent(commaList(updated.map(c => `${q(c)} = ${source}.${q(c)}`))),
        ]
      : []),
    'WHEN NOT MATCHED THEN INSERT (',
    ...indent(commaList(columns.map(q))),
    ') VALUES (',
    ...indent(commaList(columns.map(c => `${source}.${q(c)}`))),
    ');',
  ];
}

function commaList(items: readonly string[]): string[] {
  return items.map((item, i) => (i < items.length - 1 ? `${item},` : item));
}
