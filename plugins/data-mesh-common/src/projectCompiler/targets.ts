import type { SqlDialectName } from '../dialect';
import { parseSqlType, quoteIdentifier, renderSqlType } from '../expression';
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
  /** The dataset's contract columns, to create a missing merge or append target. */
  readonly columns?: ReadonlyArray<{
    readonly name: string;
    readonly type: string;
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
        columns: dataset.contract.columns,
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
 * succeed on an empty warehouse: every target's schema, and the merge and
 * append targets themselves (from their dataset's contract), since MERGE and
 * INSERT need a table to write into while CREATE OR REPLACE makes its own.
 * Each statement leaves existing schemas and tables alone.
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
    if (target.mode === 'overwrite' || !target.columns) continue;
    const columns = target.columns
      .map(
        c =>
          `${quoteIdentifier(c.name, dialect)} ${renderSqlType(
            parseSqlType(c.type),
            dialect,
          )}`,
      )
      .join(', ');
    statements.push(
      `CREATE TABLE IF NOT EXISTS ${qualifiedName(
        target.table,
        dialect,
      )} (${columns})`,
    );
  }
  return statements;
}
