import type {
  ColumnLineage,
  InputColumnRef,
  SchemaPropagation,
  SourceColumnRef,
} from './types';

/** Lineage recorded so far, by node id and port. */
export type LineageTable = Map<
  string,
  Record<string, readonly ColumnLineage[]>
>;

/** The lineage of one column of a node's port, matching names without regard to case. */
export function lookupLineage(
  table: ReadonlyMap<
    string,
    Readonly<Record<string, readonly ColumnLineage[]>>
  >,
  node: string,
  port: string,
  column: string,
): ColumnLineage | undefined {
  const key = column.toLowerCase();
  return table.get(node)?.[port]?.find(c => c.column.toLowerCase() === key);
}

/**
 * The Source columns behind the upstream columns a formula reads: the
 * union of their own sources, so lineage composes through the graph one
 * node at a time, in topological order.
 */
export function composeSources(
  table: LineageTable,
  inputs: readonly InputColumnRef[],
): SourceColumnRef[] {
  const sources: SourceColumnRef[] = [];
  const seen = new Set<string>();
  for (const ref of inputs) {
    for (const source of lookupLineage(table, ref.node, ref.port, ref.column)
      ?.sources ?? []) {
      const key = `${source.dataset}\u0000${source.column}`;
      if (seen.has(key)) continue;
      seen.add(key);
      sources.push(source);
    }
  }
  return sources;
}

/**
 * The lineage of one output column of a propagated pipeline: its formula,
 * the upstream columns it reads and the Source columns it derives from.
 * `port` defaults to `out` (a Target's written columns are under `in`).
 *
 * @public
 */
export function columnLineage(
  result: SchemaPropagation,
  node: string,
  column: string,
  port = 'out',
): ColumnLineage | undefined {
  return lookupLineage(result.lineage, node, port, column);
}
