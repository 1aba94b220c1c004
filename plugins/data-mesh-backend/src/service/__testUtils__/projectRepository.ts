import type { Entity } from '@backstage/catalog-model';
import git from 'isomorphic-git';
import fs from 'node:fs';

/** sam's User entity: the name and email the editors' commits carry. */
export const samUser: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'sam', namespace: 'default' },
  spec: { profile: { displayName: 'Sam Sales', email: 'sam@acme.example' } },
};

/**
 * Makes a project folder a git repository with its files in one commit on
 * `main`, as under .data/repos; the commit's id.
 */
export async function commitProjectFolder(dir: string): Promise<string> {
  await git.init({ fs, dir, defaultBranch: 'main' });
  await git.add({ fs, dir, filepath: '.' });
  return git.commit({
    fs,
    dir,
    message: 'Hello World',
    author: { name: 'Platform', email: 'platform@acme.example' },
  });
}

/** A file as a branch or commit of the repository has it. */
export async function readAt(dir: string, ref: string, filepath: string) {
  const oid = await git.resolveRef({ fs, dir, ref });
  const { blob } = await git.readBlob({ fs, dir, oid, filepath });
  return Buffer.from(blob).toString('utf8');
}

/** The head of a branch, or undefined when there is no such branch. */
export function branchHead(dir: string, branch: string) {
  return git
    .resolveRef({ fs, dir, ref: `refs/heads/${branch}` })
    .catch(() => undefined);
}
