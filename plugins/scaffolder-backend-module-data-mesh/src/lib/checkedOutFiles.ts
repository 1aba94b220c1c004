import { ConflictError } from '@backstage/errors';
import git from 'isomorphic-git';
import fs from 'node:fs';
import { relative, sep } from 'node:path';

/**
 * The work tree of a local project repository, where the portal reads the
 * checked-out branch from. A commit made without a work tree (as
 * `LocalProjectGit` makes them) to the checked-out branch moves the branch
 * but leaves its files as they were; this brings the committed paths into
 * the work tree, refusing beforehand to touch paths with local changes.
 */
export class CheckedOutFiles {
  private constructor(
    private readonly root: string,
    private readonly prefix: string,
    readonly branch: string | undefined,
  ) {}

  /** The work tree around a project folder. */
  static async of(folder: string): Promise<CheckedOutFiles> {
    const root = await git.findRoot({ fs, filepath: folder });
    const prefix = relative(root, folder).split(sep).filter(Boolean).join('/');
    const branch = await git.currentBranch({ fs, dir: root, fullname: false });
    return new CheckedOutFiles(
      root,
      prefix ? `${prefix}/` : '',
      branch ?? undefined,
    );
  }

  /** A ConflictError when any of the project paths has changes not committed. */
  async requireUnchanged(paths: readonly string[]): Promise<void> {
    const changed: string[] = [];
    for (const path of paths) {
      const status = await git.status({
        fs,
        dir: this.root,
        filepath: this.prefix + path,
      });
      if (status !== 'unmodified' && status !== 'absent') changed.push(path);
    }
    if (changed.length > 0) {
      throw new ConflictError(
        `The checked-out branch '${
          this.branch
        }' has changes not committed to ${changed.join(
          ', ',
        )}; commit or discard them first`,
      );
    }
  }

  /** Makes the work tree and index hold the paths as the branch's head has them. */
  async update(paths: readonly string[]): Promise<void> {
    if (!this.branch || paths.length === 0) return;
    await git.checkout({
      fs,
      dir: this.root,
      ref: this.branch,
      filepaths: paths.map(p => this.prefix + p),
      force: true,
    });
  }
}
