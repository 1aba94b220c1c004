import { ProjectSourceFile } from '@meshwork/data-mesh-common';
import git, { TreeEntry } from 'isomorphic-git';
import fs from 'node:fs';
import { gitFolder, readProjectAtGitRef } from '../readProjectAtGitRef';
import {
  ProjectCommit,
  ProjectCommitRequest,
  ProjectGit,
  StaleBranchError,
} from './ProjectGit';

/** How far back a history looks for commits that changed a file. */
const MAX_LOG_DEPTH = 1000;

/**
 * Commits to a branch of one repository happen one at a time in this
 * process, so that checking a branch's head and moving it is one step.
 */
const repositoryLocks = new Map<string, Promise<unknown>>();

async function exclusively<T>(root: string, work: () => Promise<T>) {
  const previous = repositoryLocks.get(root) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(work);
  repositoryLocks.set(root, next);
  try {
    return await next;
  } finally {
    if (repositoryLocks.get(root) === next) repositoryLocks.delete(root);
  }
}

function isNotFound(error: unknown): boolean {
  return (error as { code?: string })?.code === 'NotFoundError';
}

/** Git sorts a tree's entries by name, a folder's name as if it ended in `/`. */
function treeOrder(a: TreeEntry, b: TreeEntry): number {
  const key = (e: TreeEntry) => (e.type === 'tree' ? `${e.path}/` : e.path);
  const [x, y] = [key(a), key(b)];
  if (x === y) return 0;
  return x < y ? -1 : 1;
}

/**
 * A data project's repository on the local disk, read and written with
 * isomorphic-git: commits are written as objects and a branch is moved to
 * them, so the work tree (the checked-out branch the portal runs) is never
 * touched. The project folder may be any folder of the repository.
 *
 * Commits from this process are serialised per repository; two processes
 * committing to one local repository are not supported (a company keeps
 * its projects on GitHub).
 *
 * @public
 */
export class LocalProjectGit implements ProjectGit {
  readonly location: string;
  private repository?: Promise<{ root: string; prefix: string }>;

  /** @param folder - the project folder, in a git work tree */
  constructor(folder: string) {
    this.location = folder;
  }

  async defaultBranch(): Promise<string> {
    const { root } = await this.repo();
    const branch = await git.currentBranch({ fs, dir: root, fullname: false });
    if (!branch) {
      throw new Error(`${this.location} has no branch checked out`);
    }
    return branch;
  }

  async branchHead(branch: string): Promise<string | undefined> {
    const { root } = await this.repo();
    try {
      return await git.resolveRef({
        fs,
        dir: root,
        ref: `refs/heads/${branch}`,
      });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async resolveCommit(commit: string): Promise<string | undefined> {
    if (!/^[0-9a-f]{4,40}$/i.test(commit)) return undefined;
    const { root } = await this.repo();
    try {
      const oid = await git.expandOid({
        fs,
        dir: root,
        oid: commit.toLowerCase(),
      });
      await git.readCommit({ fs, dir: root, oid });
      return oid;
    } catch {
      return undefined;
    }
  }

  async readFiles(
    commit: string,
    options: { sourcesOnly?: boolean } = {},
  ): Promise<ProjectSourceFile[]> {
    return readProjectAtGitRef(this.location, commit, options);
  }

  async readFile(commit: string, path: string): Promise<string | undefined> {
    const { root, prefix } = await this.repo();
    try {
      const { blob } = await git.readBlob({
        fs,
        dir: root,
        oid: commit,
        filepath: prefix + path,
      });
      return Buffer.from(blob).toString('utf8');
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async commit(request: ProjectCommitRequest): Promise<string> {
    const { root, prefix } = await this.repo();
    return exclusively(root, async () => {
      const head = (await this.branchHead(request.branch)) ?? null;
      if (head !== request.expectedHead) {
        throw new StaleBranchError(
          `The branch '${request.branch}' moved to ${
            head ?? 'nothing'
          } meanwhile`,
        );
      }
      const { commit: parent } = await git.readCommit({
        fs,
        dir: root,
        oid: request.parent,
      });
      const changes = new Map(
        request.changes.map(c => [prefix + c.path, c.content] as const),
      );
      const tree =
        (await this.writeTreeWith(root, parent.tree, changes)) ??
        (await git.writeTree({ fs, dir: root, tree: [] }));
      const signature = {
        ...request.author,
        timestamp: Math.floor(Date.now() / 1000),
        timezoneOffset: 0,
      };
      const oid = await git.writeCommit({
        fs,
        dir: root,
        commit: {
          message: request.message.endsWith('\n')
            ? request.message
            : `${request.message}\n`,
          tree,
          parent: [request.parent],
          author: signature,
          committer: signature,
        },
      });
      await git.writeRef({
        fs,
        dir: root,
        ref: `refs/heads/${request.branch}`,
        value: oid,
        force: true,
      });
      return oid;
    });
  }

  async log(
    ref: string,
    options: { path?: string; limit?: number } = {},
  ): Promise<ProjectCommit[]> {
    const { root, prefix } = await this.repo();
    const limit = options.limit ?? 100;
    const entries = await git.log({ fs, dir: root, ref, depth: MAX_LOG_DEPTH });
    const commits: ProjectCommit[] = [];
    for (const { oid, commit } of entries) {
      if (commits.length >= limit) break;
      if (options.path !== undefined) {
        const filepath = prefix + options.path;
        const now = await this.blobId(root, oid, filepath);
        const before = commit.parent[0]
          ? await this.blobId(root, commit.parent[0], filepath)
          : undefined;
        if (now === before) continue;
      }
      commits.push({
        commit: oid,
        parents: commit.parent,
        message: commit.message.trimEnd(),
        author: { name: commit.author.name, email: commit.author.email },
        authoredAt: new Date(commit.author.timestamp * 1000).toISOString(),
      });
    }
    return commits;
  }

  async changedPaths(commit: string): Promise<string[]> {
    const { root, prefix } = await this.repo();
    const { commit: read } = await git.readCommit({
      fs,
      dir: root,
      oid: commit,
    });
    const treeOf = async (oid: string | undefined) => {
      if (!oid) return undefined;
      const { commit: c } = await git.readCommit({ fs, dir: root, oid });
      return this.subtree(root, c.tree, prefix);
    };
    const paths: string[] = [];
    await this.diffTrees(
      root,
      await treeOf(read.parent[0]),
      await treeOf(commit),
      '',
      paths,
    );
    return paths.sort();
  }

  private repo(): Promise<{ root: string; prefix: string }> {
    this.repository ??= gitFolder(this.location).then(({ root, prefix }) => ({
      root,
      prefix: prefix ? `${prefix}/` : '',
    }));
    this.repository.catch(() => {
      this.repository = undefined;
    });
    return this.repository;
  }

  /** The id of a file's blob at a commit; undefined where there is none. */
  private async blobId(
    root: string,
    commit: string,
    filepath: string,
  ): Promise<string | undefined> {
    try {
      const { oid } = await git.readBlob({
        fs,
        dir: root,
        oid: commit,
        filepath,
      });
      return oid;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** The tree of a folder (`a/b/`) inside a tree; undefined where it is missing. */
  private async subtree(
    root: string,
    tree: string,
    prefix: string,
  ): Promise<string | undefined> {
    let oid: string | undefined = tree;
    for (const name of prefix.split('/').filter(Boolean)) {
      const entries: TreeEntry[] = (
        await git.readTree({ fs, dir: root, oid: oid! })
      ).tree;
      oid = entries.find(e => e.path === name && e.type === 'tree')?.oid;
      if (!oid) return undefined;
    }
    return oid;
  }

  private async diffTrees(
    root: string,
    before: string | undefined,
    after: string | undefined,
    path: string,
    paths: string[],
  ): Promise<void> {
    if (before === after) return;
    const read = async (oid: string | undefined) =>
      oid ? (await git.readTree({ fs, dir: root, oid })).tree : [];
    const old = new Map((await read(before)).map(e => [e.path, e]));
    const now = new Map((await read(after)).map(e => [e.path, e]));
    for (const name of new Set([...old.keys(), ...now.keys()])) {
      const [a, b] = [old.get(name), now.get(name)];
      if (a?.oid === b?.oid && a?.type === b?.type) continue;
      const child = `${path}${name}`;
      const treeOid = (e?: TreeEntry) =>
        e?.type === 'tree' ? e.oid : undefined;
      if (a?.type === 'tree' || b?.type === 'tree') {
        await this.diffTrees(root, treeOid(a), treeOid(b), `${child}/`, paths);
      }
      if (a?.type === 'blob' || b?.type === 'blob') {
        if (a?.type !== 'blob' || b?.type !== 'blob' || a.oid !== b.oid) {
          paths.push(child);
        }
      }
    }
  }

  /**
   * Writes the tree `tree` would be with the changes (by path below it)
   * applied; undefined when nothing is left in it.
   */
  private async writeTreeWith(
    root: string,
    tree: string | undefined,
    changes: ReadonlyMap<string, string | null>,
  ): Promise<string | undefined> {
    const entries = tree
      ? (await git.readTree({ fs, dir: root, oid: tree })).tree
      : [];
    const byName = new Map(entries.map(e => [e.path, e]));
    const nested = new Map<string, Map<string, string | null>>();
    for (const [path, content] of changes) {
      const slash = path.indexOf('/');
      if (slash >= 0) {
        const folder = path.slice(0, slash);
        if (!nested.has(folder)) nested.set(folder, new Map());
        nested.get(folder)!.set(path.slice(slash + 1), content);
      } else if (content === null) {
        byName.delete(path);
      } else {
        const oid = await git.writeBlob({
          fs,
          dir: root,
          blob: Buffer.from(content, 'utf8'),
        });
        const existing = byName.get(path);
        const mode = existing?.type === 'blob' ? existing.mode : '100644';
        byName.set(path, { mode, path, oid, type: 'blob' });
      }
    }
    for (const [folder, inner] of nested) {
      const existing = byName.get(folder);
      const oid = await this.writeTreeWith(
        root,
        existing?.type === 'tree' ? existing.oid : undefined,
        inner,
      );
      if (oid) {
        byName.set(folder, { mode: '040000', path: folder, oid, type: 'tree' });
      } else {
        byName.delete(folder);
      }
    }
    if (byName.size === 0) return undefined;
    return git.writeTree({
      fs,
      dir: root,
      tree: [...byName.values()].sort(treeOrder),
    });
  }
}
