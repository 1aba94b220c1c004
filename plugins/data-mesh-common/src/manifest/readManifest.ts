import { formatDataPath } from '../project/diagnostics';
import {
  describeType,
  PathSegment,
  SchemaIssue,
} from '../project/schema/builder';
import {
  MANIFEST_PATH,
  MANIFEST_VERSION,
  ProjectManifest,
  projectManifestSchema,
} from './schema';

/**
 * One reason a value is not a {@link ProjectManifest}.
 *
 * @public
 */
export interface ManifestProblem {
  /** The offending field, e.g. `datasets[2].contract.columns[0].type`; `''` for the whole document. */
  readonly path: string;
  readonly message: string;
}

/**
 * Thrown by {@link readManifest}: the value is not a manifest this Meshwork
 * reads. The message names the first offending field; `problems` lists
 * every one.
 *
 * @public
 */
export class InvalidManifestError extends Error {
  name = 'InvalidManifestError';
  constructor(readonly problems: readonly ManifestProblem[]) {
    const [first] = problems;
    const more =
      problems.length > 1
        ? ` (and ${problems.length - 1} more problem${
            problems.length === 2 ? '' : 's'
          })`
        : '';
    super(
      `invalid Meshwork manifest: ${first.path ? `${first.path}: ` : ''}${
        first.message
      }${more}`,
    );
  }
}

function problemOf(path: readonly PathSegment[], message: string) {
  return { path: formatDataPath(path), message };
}

/** Names that lookups by name rely on being unique. */
function duplicateNames(manifest: ProjectManifest): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  for (const list of ['datasets', 'pipelines', 'jobs'] as const) {
    const seen = new Set<string>();
    manifest[list].forEach((item, index) => {
      if (seen.has(item.name)) {
        problems.push(
          problemOf(
            [list, index, 'name'],
            `another of the ${list} is also named "${item.name}"`,
          ),
        );
      }
      seen.add(item.name);
    });
  }
  return problems;
}

/**
 * Checks that a parsed `generated/manifest.json` is a manifest this
 * Meshwork reads (version {@link MANIFEST_VERSION}, every field of the right
 * shape, no unknown field, unique names) and returns it with its keys in the
 * canonical order.
 *
 * @example
 * ```ts
 * const manifest = readManifest(JSON.parse(text));
 * ```
 * @throws {@link InvalidManifestError} naming the offending field.
 * @public
 */
export function readManifest(json: unknown): ProjectManifest {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new InvalidManifestError([
      problemOf(
        [],
        `expected a JSON object (the content of ${MANIFEST_PATH}), found ${describeType(
          json,
        )}`,
      ),
    ]);
  }
  const version = (json as { manifestVersion?: unknown }).manifestVersion;
  if (version === undefined) {
    throw new InvalidManifestError([
      problemOf(
        [],
        `missing required key "manifestVersion" (expected "${MANIFEST_VERSION}"); is this a Meshwork manifest?`,
      ),
    ]);
  }
  if (version !== MANIFEST_VERSION) {
    throw new InvalidManifestError([
      problemOf(
        ['manifestVersion'],
        `version ${JSON.stringify(
          version,
        )} is not supported: this Meshwork reads "${MANIFEST_VERSION}"; compile the project with this Meshwork ('meshwork compile')`,
      ),
    ]);
  }
  const issues: SchemaIssue[] = [];
  if (!projectManifestSchema.check(json, [], issue => issues.push(issue))) {
    throw new InvalidManifestError(
      issues.map(issue => problemOf(issue.path, issue.message)),
    );
  }
  const manifest = projectManifestSchema.canonicalize(json as ProjectManifest);
  const duplicates = duplicateNames(manifest);
  if (duplicates.length > 0) throw new InvalidManifestError(duplicates);
  return manifest;
}

/**
 * A manifest as the text of `generated/manifest.json`: keys in the
 * canonical order, two-space indentation, LF line ends and a final newline,
 * so that the same manifest is always the same bytes.
 *
 * @public
 */
export function renderManifest(manifest: ProjectManifest): string {
  return `${JSON.stringify(
    projectManifestSchema.canonicalize(manifest),
    null,
    2,
  )}\n`;
}
