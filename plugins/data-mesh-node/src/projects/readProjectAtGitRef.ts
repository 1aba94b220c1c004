import { ProjectSourceFile } from '@meshwork/data-mesh-common';
import git from 'isomorphic-git';
import fs from 'node:fs';
import { realpath } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { isProjectFilePath, MAX_PROJECT_FILE_BYTES } from './projectPaths';

/**
 * A git ref that names no commit of the repository, or a folder that is in
 * no git repository: the caller's mistake, told apart from I/O failures so
 * that an API can answer 400 and a CLI a usage error.
 *
 * @public
 */
export class GitRefError extends Error {
  name = 'GitRefError';
}

/** `HEAD~2`, `main^`, `v1.0~1^`: a name and the first-parent steps after it. */
const REF_WITH_STEPS = /^(.*?)((?:~\d*|\^1?)*)$/;

/**
 * The commit a ref names: a branch, tag, `HEAD`, a full or abbreviated
 * commit id, each optionally followed by `~n` or `^` (first parents), as
 * git's own revision syntax writes them.
 */
async function resolveCommit(dir: string, ref: string): Promise<string> {
  const [, name, steps] = REF_WITH_STEPS.exec(ref.trim())!;
  if (!name || /\s|\.\.|:/.test(name)) {
    throw new GitRefError(`'${ref}' is not a git ref`);
  }
  let oid: string | undefined;
  try {
    oid = await git.resolveRef({ fs, dir, ref: name });
  } catch {
    if (/^[0-9a-f]{4,40}$/i.test(name)) {
      oid = await git
        .expandOid({ fs, dir, oid: name.toLowerCase() })
        .catch(() => undefined);
    }
  }
  if (!oid) throw new GitRefError(`no commit '${name}' in the repository`);
  oid = await peelTag(dir, oid);
  for (const step of steps.match(/~\d*|\^1?/g) ?? []) {
    const count = step.startsWith('~') ? Number(step.slice(1) || 1) : 1;
    for (let i = 0; i < count; i++) {
      const { commit } = await git.readCommit({ fs, dir, oid });
      if (commit.parent.length === 0) {
        throw new GitRefError(
          `'${ref}' goes past the repository's first commit`,
        );
      }
      oid = commit.parent[0];
    }
  }
  return oid;
}

/** The commit an annotated tag points at; any other id as it is. */
async function peelTag(dir: string, oid: string): Promise<string> {
  try {
    const { tag } = await git.readTag({ fs, dir, oid });
    return peelTag(dir, tag.object);
  } catch {
    return oid;
  }
}

/**
 * Where a folder is in its git repository: the repository's root, and the
 * folder's path from there (`''` at the root, else `a/b`). A
 * {@link GitRefError} when the folder is in no repository.
 */
export async function gitFolder(
  folder: string,
): Promise<{ root: string; prefix: string }> {
  const project = await realpath(folder).catch(() => {
    throw new Error(`${folder} does not exist`);
  });
  let root: string;
  try {
    root = await git.findRoot({ fs, filepath: project });
  } catch {
    throw new GitRefError(`${folder} is not in a git repository`);
  }
  return {
    root,
    prefix: relative(root, project).split(sep).filter(Boolean).join('/'),
  };
}

/**
 * Reads a data project as it was at a git ref of the repository its folder
 * is in: the same files, in the same shape, as `readProjectFolder` reads
 * from the work tree, so that the two compile alike and can be compared.
 * A project that did not exist at the ref has no files. A
 * {@link GitRefError} when the folder is in no repository or the ref names
 * no commit.
 *
 * @public
 */
export async function readProjectAtGitRef(
  folder: string,
  ref: string,
  options: { sourcesOnly?: boolean } = {},
): Promise<ProjectSourceFile[]> {
  const sourcesOnly = options.sourcesOnly ?? false;
  const { root, prefix } = await gitFolder(folder);
  const commit = await resolveCommit(root, ref);

  const files: ProjectSourceFile[] = [];
  const walk = async (path: string): Promise<void> => {
    const filepath = [prefix, path].filter(Boolean).join('/');
    let entries;
    try {
      ({ tree: entries } = await git.readTree({
        fs,
        dir: root,
        oid: commit,
        ...(filepath && { filepath }),
      }));
    } catch (error) {
      // The project, or one of its folders, is not in that commit.
      if ((error as { code?: string }).code === 'NotFoundError') return;
      throw error;
    }
    for (const entry of entries) {
      const child = path ? `${path}/${entry.path}` : entry.path;
      if (entry.type === 'tree') {
        if (isProjectFolderPath(child, sourcesOnly)) await walk(child);
      } else if (
        entry.type === 'blob' &&
        isProjectFilePath(child, sourcesOnly)
      ) {
        const { blob } = await git.readBlob({ fs, dir: root, oid: entry.oid });
        if (blob.byteLength > MAX_PROJECT_FILE_BYTES) continue;
        files.push({ path: child, text: Buffer.from(blob).toString('utf8') });
      }
    }
  };
  await walk('');
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** Whether a folder may hold project files: one under a project folder. */
function isProjectFolderPath(path: string, sourcesOnly: boolean): boolean {
  return isProjectFilePath(`${path}/x`, sourcesOnly);
}
