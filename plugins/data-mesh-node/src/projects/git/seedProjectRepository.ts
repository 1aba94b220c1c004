import git from 'isomorphic-git';
import fs from 'node:fs';
import { realpath } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { gitFolder, GitRefError } from '../readProjectAtGitRef';
import type { ProjectCommitAuthor } from './ProjectGit';

/**
 * What {@link seedProjectRepository} made.
 *
 * @public
 */
export interface SeedProjectRepositoryResult {
  /** The new repository's folder. */
  readonly path: string;
  /** The branch checked out, holding the project. */
  readonly branch: string;
  /** How many commits the branch has. */
  readonly commits: number;
  /** Whether files not yet committed in the source's repository made one more commit. */
  readonly uncommittedFiles: boolean;
}

const SEEDER = { name: 'Meshwork', email: 'meshwork@localhost' };

/**
 * Makes a data project folder into a repository of its own: the embedded
 * portal's projects live in `.data/repos/<project>`, so the editor's commits
 * never land in the repository the example came from.
 *
 * When the source folder is inside a git work tree, each commit of that
 * repository that changed the folder is replayed with its author, date and
 * message, the folder as the new repository's root. Files changed but not
 * yet committed there make a last commit, so the new repository's branch
 * always holds the folder as it is on disk.
 *
 * Refuses a target that already exists: a project's repository holds
 * people's work and is never overwritten.
 *
 * With `history: false` the source's repository, if any, is ignored: the
 * folder as it is becomes one commit by `author` (default Meshwork) with
 * `message` (a new project from a template).
 *
 * @public
 */
export async function seedProjectRepository(options: {
  source: string;
  target: string;
  branch?: string;
  history?: boolean;
  author?: ProjectCommitAuthor;
  message?: string;
}): Promise<SeedProjectRepositoryResult> {
  const branch = options.branch ?? 'main';
  const source = await realpath(options.source);
  if (!fs.statSync(source).isDirectory()) {
    throw new Error(`${options.source} is not a folder`);
  }
  if (fs.existsSync(options.target)) {
    throw new Error(
      `${options.target} already exists; a project's repository is never overwritten`,
    );
  }
  const staging = `${options.target}.seeding-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  try {
    await git.init({ fs, dir: staging, defaultBranch: branch });
    const head =
      options.history === false
        ? undefined
        : await replayHistory(source, staging);
    if (head) {
      await git.writeRef({
        fs,
        dir: staging,
        ref: `refs/heads/${branch}`,
        value: head.commit,
        force: true,
      });
      await git.checkout({ fs, dir: staging, ref: branch, force: true });
    }
    const committed = await commitFolderAsItIs(
      source,
      staging,
      branch,
      options.message ??
        (head
          ? "The project's files not yet committed where it was seeded from"
          : `The project, seeded from ${source}`),
      options.author ?? SEEDER,
    );
    const uncommittedFiles = head !== undefined && committed;
    const commits = (head?.count ?? 0) + (committed ? 1 : 0);
    // Renamed into place last, so an interrupted seeding leaves no target.
    fs.renameSync(staging, options.target);
    return { path: options.target, branch, commits, uncommittedFiles };
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

async function sourceRepository(source: string) {
  try {
    return await gitFolder(source);
  } catch (error) {
    if (error instanceof GitRefError) return undefined;
    throw error;
  }
}

/** The commits of the source's repository that changed the folder, oldest first, copied. */
async function replayHistory(source: string, target: string) {
  const repository = await sourceRepository(source);
  if (!repository) return undefined;
  const { root, prefix } = repository;
  let entries;
  try {
    entries = await git.log({ fs, dir: root, ref: 'HEAD' });
  } catch {
    // A repository with no commit yet, or a shallow clone cut short.
    return undefined;
  }
  const copied = new Set<string>();
  let previousTree: string | undefined;
  let parent: string | undefined;
  let count = 0;
  for (const { oid, commit } of entries.reverse()) {
    const tree = await folderTree(root, oid, prefix);
    if (tree === undefined || tree === previousTree) continue;
    await copyTree(root, target, tree, copied);
    parent = await git.writeCommit({
      fs,
      dir: target,
      commit: {
        message: commit.message,
        tree,
        parent: parent ? [parent] : [],
        author: commit.author,
        committer: commit.committer,
      },
    });
    previousTree = tree;
    count += 1;
  }
  return parent ? { commit: parent, count } : undefined;
}

async function folderTree(root: string, commit: string, prefix: string) {
  try {
    const { oid } = await git.readTree({
      fs,
      dir: root,
      oid: commit,
      filepath: prefix || undefined,
    });
    return oid;
  } catch {
    return undefined;
  }
}

/** Copies a tree with its subtrees and blobs; object ids stay the same. */
async function copyTree(
  from: string,
  to: string,
  oid: string,
  copied: Set<string>,
): Promise<void> {
  if (copied.has(oid)) return;
  const { tree } = await git.readTree({ fs, dir: from, oid });
  for (const entry of tree) {
    if (entry.type === 'tree') {
      await copyTree(from, to, entry.oid, copied);
    } else if (entry.type === 'blob' && !copied.has(entry.oid)) {
      const { blob } = await git.readBlob({ fs, dir: from, oid: entry.oid });
      await git.writeBlob({ fs, dir: to, blob });
      copied.add(entry.oid);
    }
  }
  await git.writeTree({ fs, dir: to, tree });
  copied.add(oid);
}

/**
 * Makes the work tree hold exactly the source folder's files and commits
 * what differs from the branch; whether there was anything to commit.
 */
async function commitFolderAsItIs(
  source: string,
  target: string,
  branch: string,
  message: string,
  author: ProjectCommitAuthor,
): Promise<boolean> {
  for (const name of fs.readdirSync(target)) {
    if (name !== '.git') {
      fs.rmSync(join(target, name), { recursive: true, force: true });
    }
  }
  fs.cpSync(source, target, {
    recursive: true,
    filter: path => !path.split(sep).includes('.git'),
  });
  const matrix = await git.statusMatrix({ fs, dir: target });
  // [file, HEAD, workdir, stage]: 1 = present and unchanged, 2 = changed.
  const changed = matrix.filter(
    ([, head, workdir]) => !(head === 1 && workdir === 1),
  );
  if (changed.length === 0) return false;
  for (const [file, , workdir] of changed) {
    if (workdir === 0) await git.remove({ fs, dir: target, filepath: file });
    else await git.add({ fs, dir: target, filepath: file });
  }
  await git.commit({
    fs,
    dir: target,
    ref: `refs/heads/${branch}`,
    message: `${message}\n`,
    author,
  });
  return true;
}
