import {
  loadStandardsLibrary,
  LoadedStandardsLibrary,
  LoadProjectOptions,
  parseProjectFile,
  ProjectCompilerDiagnostic,
  ProjectSourceFile,
  STANDARDS_FILE,
} from '@meshwork/data-mesh-common';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/** What a version folder's name looks like; also keeps paths inside the root. */
const VERSION = /^[0-9]{4}\.[0-9]+$/;

/** Library files larger than this are not read (as for project files). */
const MAX_FILE_BYTES = 1_000_000;

/**
 * The repository's standards library, `templates/standards`, found by
 * walking up from this package's folder (it sits in the repository's
 * `plugins/`). Undefined outside the repository.
 *
 * @public
 */
export function defaultStandardsRoot(
  from: string = resolvePackagePath('@meshwork/data-mesh-node'),
): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const candidate = join(dir, 'templates', 'standards');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The versions of the standards library under `root`: its folders that
 * hold a `standards.yaml`, oldest first.
 *
 * @public
 */
export async function listStandardsVersions(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true }).catch(() => {
    throw new NotFoundError(`no standards library at ${root}`);
  });
  const versions = entries
    .filter(e => e.isDirectory() && VERSION.test(e.name))
    .filter(e => existsSync(join(root, e.name, STANDARDS_FILE)))
    .map(e => e.name);
  const key = (v: string) => v.split('.').map(Number);
  return versions.sort((a, b) => {
    const [ay, ar] = key(a);
    const [by, br] = key(b);
    return ay - by || ar - br;
  });
}

async function readFolder(
  root: string,
  folder: string,
  suffix: string,
): Promise<ProjectSourceFile[]> {
  const names = await readdir(join(root, folder)).catch(() => [] as string[]);
  const files: ProjectSourceFile[] = [];
  for (const name of names.filter(n => n.endsWith(suffix)).sort()) {
    const full = join(root, folder, name);
    const info = await stat(full);
    if (!info.isFile() || info.size > MAX_FILE_BYTES) continue;
    files.push({
      path: `${folder}/${name}`,
      text: await readFile(full, 'utf8'),
    });
  }
  return files;
}

/**
 * The files of one version of the standards library, paths relative to
 * its folder: `standards.yaml`, `rules/*.rule.yaml` and
 * `subgraphs/*.subgraph.yaml`. What `loadStandardsLibrary` takes, e.g. in
 * the browser.
 *
 * @throws InputError when `version` is not a version name (`2026.1`),
 *   NotFoundError when the folder does not exist
 * @public
 */
export async function readStandardsFiles(
  root: string,
  version: string,
): Promise<ProjectSourceFile[]> {
  if (!VERSION.test(version)) {
    throw new InputError(
      `invalid standards version "${version}": expected year.release, such as 2026.1`,
    );
  }
  const folder = join(root, version);
  if (!existsSync(join(folder, STANDARDS_FILE))) {
    throw new NotFoundError(
      `no standards version "${version}" in ${root} (no ${STANDARDS_FILE})`,
    );
  }
  return [
    {
      path: STANDARDS_FILE,
      text: await readFile(join(folder, STANDARDS_FILE), 'utf8'),
    },
    ...(await readFolder(folder, 'rules', '.rule.yaml')),
    ...(await readFolder(folder, 'subgraphs', '.subgraph.yaml')),
  ];
}

/**
 * Reads and checks one version of the standards library (see
 * {@link readStandardsFiles}). Diagnostics name files relative to the
 * version's folder.
 *
 * @throws InputError when `version` is not a version name (`2026.1`),
 *   NotFoundError when the folder does not exist
 * @public
 */
export async function readStandardsLibrary(
  root: string,
  version: string,
): Promise<LoadedStandardsLibrary> {
  return loadStandardsLibrary(version, await readStandardsFiles(root, version));
}

/**
 * What `loadProject`/`compileProject` need to compile a project against
 * the standards library under `root`, with the library's own problems.
 *
 * @public
 */
export interface ProjectStandards {
  /** For `loadProject` and `compileProject`. */
  readonly options: Pick<
    LoadProjectOptions,
    'standards' | 'knownStandardsVersions'
  >;
  /** The version `meshwork.yaml` pins, if any. */
  readonly version?: string;
  /** Problems of the pinned library's files, relative to its folder. */
  readonly diagnostics: readonly ProjectCompilerDiagnostic[];
}

/**
 * The standards library a project pins (`standardsVersion` in
 * `meshwork.yaml`), read from `root`. An unknown version gives no
 * library: `loadProject` then reports it on `meshwork.yaml`, listing the
 * known versions.
 *
 * @public
 */
export async function readProjectStandards(
  root: string,
  files: readonly ProjectSourceFile[],
): Promise<ProjectStandards> {
  const knownStandardsVersions = await listStandardsVersions(root);
  const meshwork = files.find(f => f.path === 'meshwork.yaml');
  const pinned =
    meshwork &&
    parseProjectFile('project', meshwork.path, meshwork.text).value
      ?.standardsVersion;
  if (pinned === undefined || !knownStandardsVersions.includes(pinned)) {
    return {
      options: { knownStandardsVersions },
      ...(pinned !== undefined && { version: pinned }),
      diagnostics: [],
    };
  }
  const { library, diagnostics } = await readStandardsLibrary(root, pinned);
  return {
    options: {
      knownStandardsVersions,
      ...(library && { standards: library }),
    },
    version: pinned,
    diagnostics,
  };
}
