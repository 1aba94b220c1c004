import type { PipelineNode } from '../../project';
import type { SchemaPropagation, SourceColumnRef } from '../types';

/**
 * A dataset's column classifications by column name (`pii`, `internal`, …),
 * as its contract declares them; columns without one are absent.
 *
 * @public
 */
export type DatasetClassifications = Readonly<
  Record<string, string | undefined>
>;

/**
 * An output column that carries personal data: it derives from a dataset
 * column classified `pii` through no Mask gem that hides that column.
 *
 * @public
 */
export interface PreviewPiiColumn {
  readonly column: string;
  /** The `pii` dataset columns it derives from unmasked. */
  readonly sources: readonly SourceColumnRef[];
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Finds which columns of a node's output carry personal data, walking the
 * column lineage back one step at a time rather than reading `sources`
 * directly, because a Mask gem on the way hides the column it masks: the
 * masked value, and whatever is computed from it later, is no longer
 * personal data.
 */
export function findPiiColumns(
  nodes: ReadonlyMap<string, PipelineNode>,
  propagation: SchemaPropagation,
  output: { readonly node: string; readonly port: string },
  columns: readonly string[],
  classifications: (dataset: string) => DatasetClassifications | undefined,
): PreviewPiiColumn[] {
  const lowered = new Map<string, ReadonlyMap<string, string>>();
  const isPii = (source: SourceColumnRef) => {
    let byName = lowered.get(source.dataset);
    if (!byName) {
      byName = new Map(
        Object.entries(classifications(source.dataset) ?? {}).flatMap(
          ([column, classification]) =>
            classification ? [[column.toLowerCase(), classification]] : [],
        ),
      );
      lowered.set(source.dataset, byName);
    }
    return byName.get(source.column.toLowerCase()) === 'pii';
  };

  const memo = new Map<string, SourceColumnRef[]>();
  const walk = (node: string, port: string, column: string) => {
    const key = `${node}\u0000${port}\u0000${column.toLowerCase()}`;
    const known = memo.get(key);
    if (known) return known;
    // A cycle cannot reach here (propagation leaves cyclic nodes out), but
    // a revisit must not recurse forever.
    memo.set(key, []);
    const gem = nodes.get(node);
    let found: SourceColumnRef[] = [];
    if (!(gem?.type === 'Mask' && same(gem.config.column, column))) {
      const lineage = propagation.lineage
        .get(node)
        ?.[port]?.find(c => same(c.column, column));
      if (lineage) {
        found =
          lineage.inputs.length === 0
            ? lineage.sources.filter(isPii)
            : unique(
                lineage.inputs.flatMap(i => walk(i.node, i.port, i.column)),
              );
      }
    }
    memo.set(key, found);
    return found;
  };

  return columns.flatMap(column => {
    const sources = walk(output.node, output.port, column);
    return sources.length ? [{ column, sources }] : [];
  });
}

function unique(sources: readonly SourceColumnRef[]): SourceColumnRef[] {
  const seen = new Set<string>();
  return sources.filter(s => {
    const key = `${s.dataset}\u0000${s.table}\u0000${s.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
