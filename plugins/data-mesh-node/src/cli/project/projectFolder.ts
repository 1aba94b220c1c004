import {
  formatProjectCompilerDiagnostic,
  isGeneratedProjectPath,
  ProjectCompilerDiagnostic,
  ProjectSourceFile,
} from '@meshwork/data-mesh-common';
import { randomBytes } from 'node:crypto';
import { Dirent } from 'node:fs';
import {
  mkdir,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { CliIo } from '../types';

/** The folders of a project that hold its sources and its generated files. */
const PROJECT_FOLDERS = [
  'pipelines',
  'subgraphs',
  'rules',
  'datasets',
  'jobs',
  'generated',
  'resources',
];
const ROOT_FILES = ['meshwork.yaml', 'databricks.yml'];
/** What the compiler reads; the rest is generated or deployment configuration. */
const SOURCE_FOLDERS = ['pipelines', 'subgraphs', 'rules', 'datasets', 'jobs'];
const SOURCE_ROOT_FILES = ['meshwork.yaml'];
/** Larger files are not project files; reading them would only waste memory. */
const MAX_FILE_BYTES = 5_000_000;

async function entries(folder: string): Promise<Dirent[]> {
  try {
    return await readdir(folder, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function walk(root: string, folder: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await entries(join(root, folder))) {
    const path = `${folder}/${entry.name}`;
    if (entry.name.startsWith('.')) continue;
    if (entry.isDirectory()) found.push(...(await walk(root, path)));
    else if (entry.isFile()) found.push(path);
  }
  return found;
}

/**
 * Options of {@link readProjectFolder}.
 *
 * @public
 */
export interface ReadProjectFolderOptions {
  /**
   * Only `meshwork.yaml` and the source folders, without `generated/`,
   * `resources/` and `databricks.yml`: what `loadProject` reads.
   */
  readonly sourcesOnly?: boolean;
}

/**
 * Reads a data project folder: `meshwork.yaml`, the source folders and the
 * generated files, as `{ path, text }` with `/`-separated paths relative to
 * the root, sorted by path. Hidden files (an editor's swap file, a
 * half-written temporary file) are skipped.
 *
 * @public
 */
export async function readProjectFolder(
  root: string,
  options: ReadProjectFolderOptions = {},
): Promise<ProjectSourceFile[]> {
  const { sourcesOnly = false } = options;
  let info;
  try {
    info = await stat(root);
  } catch {
    throw new Error(`${root} does not exist`);
  }
  if (!info.isDirectory()) throw new Error(`${root} is not a folder`);

  const paths: string[] = [];
  for (const name of sourcesOnly ? SOURCE_ROOT_FILES : ROOT_FILES) {
    const file = await stat(join(root, name)).catch(() => undefined);
    if (file?.isFile()) paths.push(name);
  }
  for (const folder of sourcesOnly ? SOURCE_FOLDERS : PROJECT_FOLDERS)
    paths.push(...(await walk(root, folder)));

  const files: ProjectSourceFile[] = [];
  for (const path of paths.sort()) {
    const full = join(root, ...path.split('/'));
    const { size } = await stat(full);
    if (size > MAX_FILE_BYTES) continue;
    files.push({ path, text: await readFile(full, 'utf8') });
  }
  return files;
}

/** The generated files currently in a project, from what was read. */
export function generatedFilesIn(
  files: readonly ProjectSourceFile[],
): Map<string, string> {
  return new Map(
    files
      .filter(f => isGeneratedProjectPath(f.path))
      .map(f => [f.path, f.text]),
  );
}

/**
 * Writes a file so that readers see the old content or the new, never a
 * part: a hidden temporary file next to it, then a rename over it (atomic
 * on one file system). The temporary file is removed if anything fails.
 */
export async function writeFileAtomically(
  path: string,
  content: string,
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = join(
    dirname(path),
    `.${path.split(/[\\/]/).pop()}.${randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    await writeFile(temporary, content, 'utf8');
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Removes a file, then the folders it leaves empty up to (not including) `root`. */
export async function removeGeneratedFile(
  root: string,
  path: string,
): Promise<void> {
  await rm(join(root, ...path.split('/')), { force: true });
  let folder = dirname(path);
  while (folder !== '.' && folder !== '') {
    const full = join(root, ...folder.split('/'));
    if ((await entries(full)).length > 0) break;
    await rm(full, { recursive: true, force: true });
    folder = dirname(folder);
  }
}

/**
 * How a project file is named in messages: under the project folder as
 * the user gave it, so that `file:line:col` opens from the same directory.
 */
export function displayPath(root: string, path: string): string {
  return join(root, ...path.split('/'))
    .split(sep)
    .join('/');
}

/**
 * Prints diagnostics on stderr, one `file:line:col: severity: message` per
 * line; returns the number of errors.
 */
export function reportDiagnostics(
  root: string,
  diagnostics: readonly ProjectCompilerDiagnostic[],
  io: CliIo,
): number {
  for (const diagnostic of diagnostics) {
    io.stderr.write(
      `${formatProjectCompilerDiagnostic(
        diagnostic,
        displayPath(root, diagnostic.file),
      )}\n`,
    );
  }
  return diagnostics.filter(d => d.severity === 'error').length;
}

/** `1 file`, `3 files`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
