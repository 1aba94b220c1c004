import { quoteIdentifier, SqlDialect } from '../../expression';
import type { PipelineFile, PipelineNode } from '../../project';
import { hasErrors } from '../diagnostics';
import type { NodeOf } from '../gems/gem';
import { topologicalOrder } from '../graph';
import type { CompilerDiagnostic, SchemaPropagation } from '../types';
import { CodegenProblem, gemGenerators, tableName } from './gems';
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
 *
 * Merge targets and gems other than Source, Filter, Reformat, Join,
 * Aggregate, Window, OrderBy, Deduplicate, Union and Limit are reported
 * (`not-supported`) rather than written.
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
  const upstreamOf = new Map<string, Record<string, string>>();
  for (const edge of pipeline.edges) {
    const ports = upstreamOf.get(edge.to.node) ?? {};
    ports[edge.to.port] = edge.from.node;
    upstreamOf.set(edge.to.node, ports);
  }
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
  const header = [
    comment(
      `Pipeline ${pipeline.name}: ${DIALECT_NAMES[dialect]}, generated by meshwork — do not edit.`,
    ),
    comment(
      'One statement per Target (overwrite: CREATE OR REPLACE TABLE … AS; append: INSERT INTO);',
    ),
    comment('one CTE per gem, named after its node id.'),
  ];
  return {
    sql: `${[header.join('\n'), ...statements].join('\n\n')}\n`,
    diagnostics,
  };
}

/** The nodes a node reads from, directly or not. */
function ancestors(
  id: string,
  upstreamOf: ReadonlyMap<string, Record<string, string>>,
): Set<string> {
  const found = new Set<string>();
  const visit = (node: string) => {
    for (const from of Object.values(upstreamOf.get(node) ?? {})) {
      if (found.has(from)) continue;
      found.add(from);
      visit(from);
    }
  };
  visit(id);
  return found;
}

/** The CTE body of one gem. */
function generateGem(
  node: PipelineNode,
  upstream: Record<string, string>,
  propagation: SchemaPropagation,
  options: GenerateSqlOptions,
): string[] {
  const generate = gemGenerators[node.type] as
    | ((context: unknown) => string[])
    | undefined;
  if (!generate) {
    throw new CodegenProblem(
      `code generation for ${node.type} is not supported yet`,
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
  if (mode === 'merge') {
    throw new CodegenProblem(
      'code generation for Target with mode merge is not supported yet',
      'not-supported',
      ['mode'],
    );
  }
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
  const write =
    mode === 'overwrite'
      ? [`CREATE OR REPLACE TABLE ${name} AS`]
      : [`INSERT INTO ${name} (`, ...indent(commaList(names)), ')'];
  const withClause = ctes.flatMap(({ id, lines }, i) => [
    `${i === 0 ? 'WITH ' : ''}${quoteIdentifier(id, dialect)} AS (`,
    ...indent(lines!),
    i < ctes.length - 1 ? '),' : ')',
  ]);
  return [
    comment(
      `Target ${target.id}: ${
        mode === 'overwrite' ? 'replaces' : 'appends to'
      } ${dataset !== undefined ? `dataset ${dataset}` : `table ${table}`}`,
    ),
    ...write,
    ...withClause,
    ...selectList(names),
    `FROM ${quoteIdentifier(last, dialect)};`,
  ].join('\n');
}

function commaList(items: readonly string[]): string[] {
  return items.map((item, i) => (i < items.length - 1 ? `${item},` : item));
}
