import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { readdir, stat } from 'node:fs/promises';

/**
 * A folder of the scaffolder workspace, given relative to it; an
 * InputError naming the field for a path that leads out of it.
 */
export function workspaceFolder(
  workspacePath: string,
  field: string,
  path: string,
): string {
  try {
    return resolveSafeChildPath(workspacePath, path);
  } catch {
    throw new InputError(
      `${field}: '${path}' is outside the workspace; give a path inside it`,
    );
  }
}

/** The entries of a folder; undefined when there is no folder. */
export async function folderEntries(
  folder: string,
): Promise<string[] | undefined> {
  try {
    return await readdir(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ENOTDIR') return [''];
    throw error;
  }
}

/** A folder that must hold a data project: an InputError naming the field if it does not. */
export async function requireProjectFolder(
  folder: string,
  field: string,
  path: string,
): Promise<void> {
  const info = await stat(folder).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new InputError(
      `${field}: there is no folder '${path}' in the workspace`,
    );
  }
  const project = await stat(`${folder}/meshwork.yaml`).catch(() => undefined);
  if (!project?.isFile()) {
    throw new InputError(
      `${field}: '${path}' has no meshwork.yaml; it is not a data project`,
    );
  }
}
