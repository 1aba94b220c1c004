import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { ProjectFileChange } from './projectChanges';

/** The folders from `root` down to `folder` that do not exist yet, outermost first. */
async function missingFolders(root: string, folder: string): Promise<string[]> {
  const missing: string[] = [];
  let current = folder;
  while (current !== root && relative(root, current) !== '') {
    const exists = await readdir(current).then(
      () => true,
      () => false,
    );
    if (exists) break;
    missing.unshift(current);
    current = dirname(current);
  }
  return missing;
}

/** Removes a folder and then its parents up to `root` while they are empty. */
async function removeEmptyFolders(root: string, folder: string) {
  let current = folder;
  while (current !== root && relative(root, current) !== '') {
    try {
      await rmdir(current);
    } catch {
      return;
    }
    current = dirname(current);
  }
}

/**
 * Applies changes to a project folder so that it ends with all of them or,
 * when anything fails while writing, none: every new content is first
 * written to a hidden temporary file next to its target, and only when all
 * are written are they renamed over their targets (each rename atomic) and
 * removed files deleted. Paths never lead out of `root`.
 */
export async function writeProjectChanges(
  root: string,
  changes: readonly ProjectFileChange[],
): Promise<void> {
  const targets = changes.map(change => ({
    ...change,
    target: resolveSafeChildPath(root, change.path),
  }));
  const staged: Array<{ temporary: string; target: string }> = [];
  const createdFolders: string[] = [];
  try {
    for (const { target, content } of targets) {
      if (content === null) continue;
      const missing = await missingFolders(root, dirname(target));
      await mkdir(dirname(target), { recursive: true });
      createdFolders.push(...missing);
      const temporary = join(
        dirname(target),
        `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`,
      );
      await writeFile(temporary, content, 'utf8');
      staged.push({ temporary, target });
    }
  } catch (error) {
    for (const { temporary } of staged) await rm(temporary, { force: true });
    for (const folder of createdFolders.reverse()) {
      await removeEmptyFolders(root, folder);
    }
    throw error;
  }
  for (const { temporary, target } of staged) await rename(temporary, target);
  for (const { target, content } of targets) {
    if (content !== null) continue;
    await rm(target, { force: true });
    await removeEmptyFolders(root, dirname(target));
  }
}
