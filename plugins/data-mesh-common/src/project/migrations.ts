import type { ProjectFileKind } from './fileKinds';
import { CURRENT_FORMAT_VERSION } from './schema/common';

/**
 * Turns a file's data from one format version into the next.
 *
 * Migrations run on raw data that has not been validated yet, so they must
 * accept anything without throwing, change only what they recognise and
 * leave the rest for validation to report.
 *
 * @public
 */
export interface ProjectFileMigration {
  /** The version this migration reads; it writes `from + 1`. */
  readonly from: number;
  /** What changed, shown in the info diagnostic. */
  readonly description: string;
  /**
   * Keys renamed by this migration, new name → old name, anywhere in the
   * file. Lets diagnostics on migrated data point at the author's text.
   */
  readonly renamedKeys?: Readonly<Record<string, string>>;
  migrate(data: Record<string, unknown>): Record<string, unknown>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Renames `from` to `to` in an object, keeping the key's position. */
function renameKey(
  object: Record<string, unknown>,
  from: string,
  to: string,
): Record<string, unknown> {
  if (!(from in object) || to in object) return object;
  return Object.fromEntries(
    Object.entries(object).map(([key, value]) => [
      key === from ? to : key,
      value,
    ]),
  );
}

/**
 * Version 0 was the editor prototype's format: the graph's connections were
 * `links` and a node's gem type was `gem`.
 */
const pipelineV0: ProjectFileMigration = {
  from: 0,
  description: '"links" became "edges" and a node\'s "gem" became "type"',
  renamedKeys: { edges: 'links', type: 'gem' },
  migrate: data => {
    const renamed = renameKey(data, 'links', 'edges');
    const nodes = Array.isArray(renamed.nodes)
      ? renamed.nodes.map(node =>
          isRecord(node) ? renameKey(node, 'gem', 'type') : node,
        )
      : renamed.nodes;
    return { ...renamed, nodes, formatVersion: 1 };
  },
};

/**
 * The migrations of each file kind, oldest first; each kind's chain ends at
 * {@link CURRENT_FORMAT_VERSION}.
 *
 * @public
 */
export const projectFileMigrations: {
  readonly [K in ProjectFileKind]: readonly ProjectFileMigration[];
} = {
  project: [],
  pipeline: [pipelineV0],
  subgraph: [],
  rule: [],
  dataset: [],
  job: [],
  test: [],
};

/**
 * The outcome of {@link migrateProjectData}.
 *
 * @public
 */
export interface MigrationOutcome {
  readonly data: Record<string, unknown>;
  /** The migrations applied, in order. */
  readonly applied: readonly ProjectFileMigration[];
  /** Why the data could not be brought to the current version, if it could not. */
  readonly problem?: string;
}

/**
 * Brings raw file data with an older `formatVersion` to the current one.
 * Data without a numeric `formatVersion`, or already current, is returned
 * unchanged for validation to judge.
 *
 * @public
 */
export function migrateProjectData(
  kind: ProjectFileKind,
  data: Record<string, unknown>,
  migrations: readonly ProjectFileMigration[] = projectFileMigrations[kind],
): MigrationOutcome {
  let version = data.formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return { data, applied: [] };
  }
  if (version > CURRENT_FORMAT_VERSION) {
    return {
      data,
      applied: [],
      problem: `formatVersion ${version} is newer than this version of Meshwork understands (${CURRENT_FORMAT_VERSION}); upgrade Meshwork`,
    };
  }
  let current = data;
  const applied: ProjectFileMigration[] = [];
  while (version < CURRENT_FORMAT_VERSION) {
    const from: number = version;
    const step = migrations.find(migration => migration.from === from);
    if (!step) {
      return {
        data: current,
        applied,
        problem: `formatVersion ${version} is not supported; the oldest supported ${kind} version is ${
          migrations[0]?.from ?? CURRENT_FORMAT_VERSION
        }`,
      };
    }
    current = { ...step.migrate(current), formatVersion: version + 1 };
    applied.push(step);
    version += 1;
  }
  return { data: current, applied };
}
