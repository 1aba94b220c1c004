import { sqlDialect, SqlDialectName } from '../../dialect';
import { quoteIdentifier } from '../../expression';
import type { PipelineFile, PipelineNode } from '../../project';
import { hasErrors } from '../diagnostics';
import type { NodeOf } from '../gems/gem';
import { ancestors } from '../graph';
import type { CompilerDiagnostic, SchemaPropagation } from '../types';
import { checkSourcesVisible, cteQuery } from './cteQuery';
import {
  CodegenDiagnostics,
  gemGraph,
  generatorFor,
  NO_TARGET,
} from './gemGraph';
import { gemSchemas } from './gemContext';
import { CodegenProblem, gemGenerators, tableName } from './gems';
import type { MaskTemplates } from './maskTemplates';
import { targetColumns, targetSelectItem } from './targetColumns';
import { comment, indent } from './text';

/**
 * Options of {@link generateSql}.
 *
 * @public
 */
export interface GenerateSqlOptions {
  readonly dialect: SqlDialectName;
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
  /**
   * Statements written before the Targets' statements, in this dialect:
   * those creating what the Targets write into
   * (`targetPreparationStatements`), so that the script runs on an empty
   * warehouse.
   */
  readonly prepare?: readonly string[];
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

/**
 * Generates the SQL of a pipeline for a dialect, from its graph and its
 * propagated schemas (which must have no errors).
 *
 * The script has one statement per Target gem, each a chain of CTEs named
 * after the gems upstream of it (one per gem, in graph order), the same in
 * both dialects, whose final SELECT casts every column to the type the
 * Target writes it as (its contract type, see `targetColumns`):
 *
 * - mode `overwrite`: `CREATE OR REPLACE TABLE <table> AS WITH … SELECT …`;
 *   in Spark SQL, a dataset's table is overwritten with
 *   `INSERT OVERWRITE TABLE <table> (<columns>) WITH … SELECT …`, which
 *   keeps the table's definition and needs it to exist: run
 *   `targetPreparationStatements` first
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
  const graph = gemGraph(pipeline);
  const { nodes, upstreamOf, order, targets } = graph;
  const problems = new CodegenDiagnostics(graph);

  // Every gem's CTE body, generated once and shared by the Targets using it.
  const bodies = new Map<string, string[] | undefined>();
  const body = (id: string): string[] | undefined => {
    if (!bodies.has(id)) {
      const node = nodes.get(id)!;
      bodies.set(
        id,
        problems.attempt(id, () =>
          generateGem(node, upstreamOf.get(id) ?? {}, propagation, options),
        ),
      );
    }
    return bodies.get(id);
  };

  const statements: string[] = [];
  if (targets.length === 0) problems.diagnostics.push(NO_TARGET);
  for (const target of targets) {
    const upstream = ancestors(target.id, upstreamOf);
    const ctes = order
      .filter(id => upstream.has(id))
      .map(id => ({ id, lines: body(id) }));
    const statement = problems.attempt(target.id, () =>
      writeStatement(
        target,
        ctes,
        nodes,
        upstreamOf.get(target.id)?.in,
        propagation,
        options,
      ),
    );
    if (statement) statements.push(statement);
  }

  const { diagnostics } = problems;
  if (hasErrors(diagnostics)) return { diagnostics };
  const merges = targets.some(t => t.config.mode === 'merge');
  // The forms of overwrite used, for the header; the default when none is.
  const overwrites = new Set(
    targets
      .filter(t => t.config.mode === 'overwrite')
      .map(t => overwriteForm(dialect, t.config.dataset !== undefined)),
  );
  const overwrite = overwrites.size
    ? [...overwrites].join(' or ')
    : overwriteForm(dialect, false);
  const header = [
    comment(
      `Pipeline ${pipeline.name}: ${
        sqlDialect(dialect).sqlName
      }, generated by meshwork — do not edit.`,
    ),
    comment(
      `One statement per Target (overwrite: ${overwrite}; append: INSERT INTO${
        merges ? '; merge: MERGE INTO' : ''
      });`,
    ),
    comment('one CTE per gem, named after its node id.'),
  ];
  const prepare = (options.prepare ?? []).map((sql, i) =>
    i === 0
      ? `${comment(
          'Schemas and dataset tables (from their contracts), created when missing.',
        )}\n${sql};`
      : `${sql};`,
  );
  return {
    sql: `${[header.join('\n'), ...prepare, ...statements].join('\n\n')}\n`,
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
  const generate = generatorFor(gemGenerators, node);
  const { inputs, output } = gemSchemas(node, propagation);
  return generate({
    node,
    dialect: options.dialect,
    upstream,
    inputs,
    output,
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
  if (last === undefined) {
    throw new CodegenProblem(
      `Target "${target.id}" has no input`,
      'internal-error',
    );
  }
  const columns = targetColumns(target, propagation, dialect);
  // A gem that failed has already been reported.
  const written = ctes.filter(
    (c): c is { id: string; lines: string[] } => c.lines !== undefined,
  );
  if (written.length < ctes.length) return undefined;
  checkSourcesVisible(written, nodes, dialect, options.tables);
  const name = tableName(target.config, dialect, options.tables);
  const names = columns.map(c => quoteIdentifier(c.name, dialect));
  const query = cteQuery(
    written,
    columns.map(c => c.name),
    last,
    dialect,
    columns.map(c => targetSelectItem(c, last, dialect)),
  );
  const what = dataset !== undefined ? `dataset ${dataset}` : `table ${table}`;
  if (mode === 'merge') {
    const keys = (target.config.mergeKeys ?? []).map((key, index) => {
      const column = columns.find(
        c => c.name.toLowerCase() === key.toLowerCase(),
      );
      if (!column) {
        throw new CodegenProblem(
          `merge key "${key}" is not a column the Target writes`,
          'internal-error',
          ['mergeKeys', index],
        );
      }
      return column.name;
    });
    return [
      comment(`Target ${target.id}: merges into ${what} on ${keys.join(', ')}`),
      ...sqlDialect(dialect).mergeStatement({
        table: name,
        query,
        columns: columns.map(c => c.name),
        keys,
      }),
    ].join('\n');
  }
  const write = writeClause(mode, name, names, dialect, dataset !== undefined);
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
 * The start of an overwrite or append. A dataset's table exists before
 * the pipeline runs (`targetPreparationStatements` creates it from the
 * contract), so Spark overwrites its rows and keeps its definition: the
 * contract's types and column comments, grants and tags. DuckDB has no
 * INSERT OVERWRITE; it replaces the table, whose types the casts give.
 */
function writeClause(
  mode: 'overwrite' | 'append',
  table: string,
  names: readonly string[],
  dialect: SqlDialectName,
  prepared: boolean,
): string[] {
  const columns = [...indent(commaList(names)), ')'];
  if (mode === 'append') return [`INSERT INTO ${table} (`, ...columns];
  if (insertsOverwrite(dialect, prepared)) {
    return [`INSERT OVERWRITE TABLE ${table} (`, ...columns];
  }
  return [`CREATE OR REPLACE TABLE ${table} AS`];
}

function insertsOverwrite(dialect: SqlDialectName, prepared: boolean) {
  return prepared && dialect === 'spark';
}

/** How an overwrite is written, as the script's header names it. */
function overwriteForm(dialect: SqlDialectName, prepared: boolean): string {
  return insertsOverwrite(dialect, prepared)
    ? 'INSERT OVERWRITE TABLE'
    : 'CREATE OR REPLACE TABLE … AS';
}

function commaList(items: readonly string[]): string[] {
  return items.map((item, i) => (i < items.length - 1 ? `${item},` : item));
}
