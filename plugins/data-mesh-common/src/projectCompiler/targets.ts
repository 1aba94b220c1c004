import type { SqlDialectName } from '../dialect';
import {
  parseSqlType,
  quoteIdentifier,
  renderSqlType,
  renderStringLiteral,
} from '../expression';
import { qualifiedName } from '../compiler/codegen/text';
import type { LoadedProject } from './types';

/**
 * A table a pipeline writes, as its Target names it.
 *
 * @public
 */
export interface PipelineTarget {
  /** `schema.table`, the dataset's table when the Target writes a dataset. */
  readonly table: string;
  /** The dataset written; absent for a Target that names a table directly. */
  readonly dataset?: string;
  readonly mode: 'overwrite' | 'append' | 'merge';
  /** The dataset's description: the table's comment. */
  readonly description?: string;
  /** The dataset's contract columns, to create the table when it is missing. */
  readonly columns?: ReadonlyArray<{
    readonly name: string;
    readonly type: string;
    /** The column's comment. */
    readonly description?: string;
  }>;
}

/**
 * The tables a pipeline writes, in file order, each once.
 *
 * @public
 */
export function pipelineTargets(
  loaded: LoadedProject,
  pipeline: string,
): PipelineTarget[] {
  const targets: PipelineTarget[] = [];
  for (const node of loaded.pipelines.get(pipeline)?.value.nodes ?? []) {
    if (node.type !== 'Target') continue;
    const dataset =
      node.config.dataset !== undefined
        ? loaded.datasets.get(node.config.dataset)?.value
        : undefined;
    const table = dataset?.table ?? node.config.table;
    if (table === undefined || targets.some(t => t.table === table)) continue;
    targets.push({
      table,
      mode: node.config.mode,
      ...(dataset && {
        dataset: dataset.name,
        ...(dataset.description?.trim() && {
          description: dataset.description.trim(),
        }),
        columns: dataset.contract.columns.map(c => ({
          name: c.name,
          type: c.type,
          ...(c.description?.trim() && { description: c.description.trim() }),
        })),
      }),
    });
  }
  return targets;
}

/** `silver` for `silver.sales_lines`: the schema that must exist first. */
function schemaOf(table: string): string | undefined {
  const parts = table.split('.');
  return parts.length > 1 ? parts.slice(0, -1).join('.') : undefined;
}

/**
 * The statements to run before a pipeline's script so that its writes
 * succeed on an empty warehouse: every target's schema, and every table of
 * a dataset, from its contract: its columns with their types, and in Spark
 * SQL a Delta table with the column descriptions as column comments, then
 * the dataset's description as the table's comment (`COMMENT ON TABLE`,
 * set on every run). The script then writes into the table (Spark SQL
 * overwrites with INSERT OVERWRITE, which keeps the definition; DuckDB
 * replaces the table of an overwrite with one of the same types). The
 * other statements leave existing schemas and tables alone. The generated
 * Spark SQL and PySpark start with them; `meshwork run` runs them before
 * the DuckDB script.
 *
 * @public
 */
export function targetPreparationStatements(
  targets: readonly PipelineTarget[],
  dialect: SqlDialectName,
): string[] {
  const statements: string[] = [];
  for (const schema of new Set(targets.map(t => schemaOf(t.table)))) {
    if (schema) {
      statements.push(
        `CREATE SCHEMA IF NOT EXISTS ${qualifiedName(schema, dialect)}`,
      );
    }
  }
  for (const target of targets) {
    if (!target.columns) continue;
    statements.push(createTable(target, target.columns, dialect));
    if (dialect === 'spark' && target.description) {
      // Set on every run, so the table says what the dataset file says.
      statements.push(
        `COMMENT ON TABLE ${qualifiedName(
          target.table,
          dialect,
        )} IS ${renderStringLiteral(target.description, dialect)}`,
      );
    }
  }
  return statements;
}

/**
 * `CREATE TABLE IF NOT EXISTS` with one column a line. DuckDB writes no
 * comments: its overwrites replace the table, which would drop them.
 */
function createTable(
  target: Pick<PipelineTarget, 'table'>,
  columns: NonNullable<PipelineTarget['columns']>,
  dialect: SqlDialectName,
): string {
  const spark = dialect === 'spark';
  const comment = (text: string | undefined) =>
    spark && text ? ` COMMENT ${renderStringLiteral(text, dialect)}` : '';
  const definitions = columns.map(
    (c, i) =>
      `  ${quoteIdentifier(c.name, dialect)} ${renderSqlType(
        parseSqlType(c.type),
        dialect,
      )}${comment(c.description)}${i < columns.length - 1 ? ',' : ''}`,
  );
  return [
    `CREATE TABLE IF NOT EXISTS ${qualifiedName(target.table, dialect)} (`,
    ...definitions,
    ')',
    ...(spark ? ['USING DELTA'] : []),
  ].join('\n');
}
