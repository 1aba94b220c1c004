import { ProjectSourceFile } from '@meshwork/data-mesh-common';
import { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_PROJECT_FILE_BYTES, projectLocations } from './projectPaths';

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

/** A folder's entries; none when it does not exist. */
export async function folderEntries(folder: string): Promise<Dirent[]> {
  try {
    return await readdir(folder, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function walk(root: string, folder: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await folderEntries(join(root, folder))) {
    const path = `${folder}/${entry.name}`;
    if (entry.name.startsWith('.')) continue;
    if (entry.isDirectory()) found.push(...(await walk(root, path)));
    else if (entry.isFile()) found.push(path);
  }
  return found;
}

/**
 * Reads a data project folder: `meshwork.yaml`, the source folders and the
 * generated files, as `{ path, text }` with `/`-separated paths relative to
 * the root, sorted by path. Hidden files (an editor's swap file, a
 * half-written temporary file) and files over 5 MB are skipped.
 *
 * @public
 */
export async function readProjectFolder(
  root: string,
  options: ReadProjectFolderOptions = {},
): Promise<ProjectSourceFile[]> {
  const { rootFiles, folders } = projectLocations(options.sourcesOnly ?? false);
  let info;
  try {
    info = await stat(root);
  } catch {
    throw new Error(`${root} does not exist`);
  }
  if (!info.isDirectory()) throw new Error(`${root} is not a folder`);

  const paths: string[] = [];
  for (const name of rootFiles) {
    const file = await stat(join(root, name)).catch(() => undefined);
    if (file?.isFile()) paths.push(name);
  }
  for (const folder of folders) paths.push(...(await walk(root, folder)));

  const files: ProjectSourceFile[] = [];
  for (const path of paths.sort()) {
    const full = join(root, ...path.split('/'));
    const { size } = await stat(full);
    if (size > MAX_PROJECT_FILE_BYTES) continue;
    files.push({ path, text: await readFile(full, 'utf8') });
  }
  return files;
}
