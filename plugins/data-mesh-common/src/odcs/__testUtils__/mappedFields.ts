import { isDeepStrictEqual } from 'util';
import type { ManifestDataset } from '../../manifest';
import type { DatasetFile } from '../../project/schema/dataset';
import type { OdcsImportNote } from '../odcsToDataset';
import { formatOdcsPath } from '../validate';

/** A dataset file as the manifest declares it, without pipelines. */
export function declaredDataset(file: DatasetFile): ManifestDataset {
  const { formatVersion, ...rest } = file;
  return {
    ...rest,
    file: `datasets/${file.name}.dataset.yaml`,
    tables: {},
    upstream: [],
    downstream: [],
    lineage: [],
  };
}

const DEFAULTS: Record<string, unknown> = {
  required: false,
  unique: false,
  primaryKey: false,
  primaryKeyPosition: -1,
  partitioned: false,
  partitionKeyPosition: -1,
  criticalDataElement: false,
};

type Segment = string | number;

function isEmpty(value: unknown): boolean {
  return (
    (Array.isArray(value) && value.length === 0) ||
    (value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      Object.keys(value).length === 0)
  );
}

function get(value: unknown, path: readonly Segment[]): unknown {
  let node: any = value;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = node[segment];
  }
  return node;
}

/**
 * The fields of `original` that an import neither dropped nor changed
 * (per its notes) and that differ in `reexport`, as readable lines. The
 * imported object `objectIndex` is the re-export's only object; a rule
 * (or SLA) after dropped ones of the same list moves up by their number.
 */
export function mappedFieldDifferences(
  original: unknown,
  reexport: unknown,
  notes: readonly OdcsImportNote[],
  objectIndex: number,
): string[] {
  const noted = new Set(notes.map(n => n.path));
  const droppedWhole = new Set(
    notes.filter(n => n.kind === 'dropped').map(n => n.path),
  );
  const isNoted = (path: readonly Segment[]) => {
    for (let i = 1; i <= path.length; i++) {
      if (noted.has(formatOdcsPath(path.slice(0, i)))) return true;
    }
    return false;
  };
  const target = (path: readonly Segment[]): Segment[] => {
    const result: Segment[] = [];
    path.forEach((segment, i) => {
      if (i === 1 && path[0] === 'schema') {
        result.push(segment === objectIndex ? 0 : -1);
        return;
      }
      if (
        typeof segment === 'number' &&
        (path[i - 1] === 'quality' || path[i - 1] === 'slaProperties')
      ) {
        const list = path.slice(0, i);
        let before = 0;
        for (let j = 0; j < segment; j++) {
          if (droppedWhole.has(formatOdcsPath([...list, j]))) before++;
        }
        result.push(segment - before);
        return;
      }
      result.push(segment);
    });
    return result;
  };

  const differences: string[] = [];
  const walk = (value: unknown, path: Segment[]) => {
    if (isNoted(path)) return;
    // An empty list or object says nothing; the re-export may fill it.
    if (isEmpty(value)) return;
    if (value !== null && typeof value === 'object') {
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
      else Object.entries(value).forEach(([k, v]) => walk(v, [...path, k]));
      return;
    }
    const other = get(reexport, target(path));
    const key = path[path.length - 1];
    if (isDeepStrictEqual(other, value)) return;
    if (other === undefined && DEFAULTS[key as string] === value) return;
    differences.push(
      `${formatOdcsPath(path)}: ${JSON.stringify(
        value,
      )} came back as ${JSON.stringify(other)}`,
    );
  };
  walk(original, []);
  return differences;
}
