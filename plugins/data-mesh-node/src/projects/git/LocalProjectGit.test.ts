import git from 'isomorphic-git';
import fs from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { GitRefError } from '../readProjectAtGitRef';
import { LocalProjectGit } from './LocalProjectGit';
import { StaleBranchError } from './ProjectGit';

const author = { name: 'Sam Sales', email: 'sam@acme.example' };
const pipeline = 'pipelines/ComputeSales.pipeline.yaml';

async function repositoryWith(
  files: Record<string, string>,
  folder = '',
): Promise<{ root: string; project: string; first: string }> {
  const root = await mkdtemp(join(tmpdir(), 'meshwork-git-'));
  await git.init({ fs, dir: root, defaultBranch: 'main' });
  for (const [path, text] of Object.entries(files)) {
    const full = join(root, folder, path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, text);
    await git.add({ fs, dir: root, filepath: join(folder, path) });
  }
  const first = await git.commit({
    fs,
    dir: root,
    message: 'Seed the project',
    author: { ...author, timestamp: 1_700_000_000 },
  });
  return { root, project: join(root, folder), first };
}

describe('LocalProjectGit', () => {
  const roots: string[] = [];
  afterEach(async () => {
    for (const root of roots.splice(0)) {
      await rm(root, { recursive: true, force: true });
    }
  });

  async function project(folder = '') {
    const repo = await repositoryWith(
      {
        'meshwork.yaml': 'name: hello\n',
        [pipeline]: 'version: 1\n',
        'generated/sql/ComputeSales.sql': 'SELECT 1\n',
      },
      folder,
    );
    roots.push(repo.root);
    return { ...repo, git: new LocalProjectGit(repo.project) };
  }

  it('commits to a new branch without touching the checked-out branch or the work tree', async () => {
    const { git: repo, first, project: folder } = await project();
    expect(await repo.defaultBranch()).toBe('main');
    expect(await repo.branchHead('meshwork/sam/ComputeSales')).toBeUndefined();

    const commit = await repo.commit({
      branch: 'meshwork/sam/ComputeSales',
      expectedHead: null,
      parent: first,
      changes: [
        { path: pipeline, content: 'version: 2\n' },
        { path: 'generated/sql/ComputeSales.sql', content: 'SELECT 2\n' },
      ],
      author,
      message: 'Filter the sales',
    });

    expect(await repo.branchHead('meshwork/sam/ComputeSales')).toBe(commit);
    expect(await repo.branchHead('main')).toBe(first);
    expect(await repo.readFile(commit, pipeline)).toBe('version: 2\n');
    expect(await repo.readFile(first, pipeline)).toBe('version: 1\n');
    expect(await readFile(join(folder, pipeline), 'utf8')).toBe('version: 1\n');
    expect(await repo.readFile(commit, 'meshwork.yaml')).toBe('name: hello\n');
    expect(await repo.changedPaths(commit)).toEqual([
      'generated/sql/ComputeSales.sql',
      pipeline,
    ]);
    const [latest] = await repo.log('meshwork/sam/ComputeSales');
    expect(latest).toMatchObject({
      commit,
      parents: [first],
      message: 'Filter the sales',
      author,
    });
  });

  it('refuses to commit on a branch that moved, and changes nothing', async () => {
    const { git: repo, first } = await project();
    const branch = 'meshwork/sam/ComputeSales';
    const mine = await repo.commit({
      branch,
      expectedHead: null,
      parent: first,
      changes: [{ path: pipeline, content: 'version: 2\n' }],
      author,
      message: 'One',
    });
    await expect(
      repo.commit({
        branch,
        expectedHead: null,
        parent: first,
        changes: [{ path: pipeline, content: 'version: 3\n' }],
        author,
        message: 'Two',
      }),
    ).rejects.toBeInstanceOf(StaleBranchError);
    await expect(
      repo.commit({
        branch,
        expectedHead: first,
        parent: first,
        changes: [{ path: pipeline, content: 'version: 3\n' }],
        author,
        message: 'Two',
      }),
    ).rejects.toBeInstanceOf(StaleBranchError);
    expect(await repo.branchHead(branch)).toBe(mine);
  });

  it('lets one of two simultaneous commits expecting the same head through', async () => {
    const { git: repo, first } = await project();
    const attempt = (content: string) =>
      repo.commit({
        branch: 'meshwork/sam/ComputeSales',
        expectedHead: null,
        parent: first,
        changes: [{ path: pipeline, content }],
        author,
        message: content,
      });
    const results = await Promise.allSettled([
      attempt('version: 2\n'),
      attempt('version: 3\n'),
    ]);
    expect(results.map(r => r.status).sort()).toEqual([
      'fulfilled',
      'rejected',
    ]);
  });

  it('removes files, and the folders they leave empty', async () => {
    const { git: repo, first, root } = await project();
    const commit = await repo.commit({
      branch: 'cleanup',
      expectedHead: null,
      parent: first,
      changes: [{ path: 'generated/sql/ComputeSales.sql', content: null }],
      author,
      message: 'Remove the generated SQL',
    });
    expect((await repo.readFiles(commit)).map(f => f.path).sort()).toEqual([
      'meshwork.yaml',
      pipeline,
    ]);
    const { commit: read } = await git.readCommit({
      fs,
      dir: root,
      oid: commit,
    });
    const { tree } = await git.readTree({
      fs,
      dir: root,
      oid: read.tree,
    });
    expect(tree.map(e => e.path).sort()).toEqual([
      'meshwork.yaml',
      'pipelines',
    ]);
  });

  it('lists only the commits that changed a file', async () => {
    const { git: repo, first } = await project();
    const branch = 'meshwork/sam/ComputeSales';
    const one = await repo.commit({
      branch,
      expectedHead: null,
      parent: first,
      changes: [{ path: pipeline, content: 'version: 2\n' }],
      author,
      message: 'Change the pipeline',
    });
    const two = await repo.commit({
      branch,
      expectedHead: one,
      parent: one,
      changes: [{ path: 'meshwork.yaml', content: 'name: renamed\n' }],
      author,
      message: 'Rename the project',
    });
    expect((await repo.log(branch)).map(c => c.commit)).toEqual([
      two,
      one,
      first,
    ]);
    expect(
      (await repo.log(branch, { path: pipeline })).map(c => c.commit),
    ).toEqual([one, first]);
    expect(
      (await repo.log(branch, { path: pipeline, limit: 1 })).map(c => c.commit),
    ).toEqual([one]);
  });

  it('works on a project in a folder of its repository, by project paths', async () => {
    const { git: repo, first, root } = await project('examples/hello');
    const commit = await repo.commit({
      branch: 'edit',
      expectedHead: null,
      parent: first,
      changes: [{ path: pipeline, content: 'version: 9\n' }],
      author,
      message: 'Edit',
    });
    expect(await repo.readFile(commit, pipeline)).toBe('version: 9\n');
    expect(await repo.changedPaths(commit)).toEqual([pipeline]);
    const { blob } = await git.readBlob({
      fs,
      dir: root,
      oid: commit,
      filepath: `examples/hello/${pipeline}`,
    });
    expect(Buffer.from(blob).toString()).toBe('version: 9\n');
  });

  it('resolves abbreviated commit ids and rejects what is not a commit', async () => {
    const { git: repo, first } = await project();
    expect(await repo.resolveCommit(first.slice(0, 10))).toBe(first);
    expect(await repo.resolveCommit('0000000000')).toBeUndefined();
    expect(await repo.resolveCommit('main; rm -rf /')).toBeUndefined();
  });

  it('says a folder outside any repository is not in one', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'meshwork-nogit-'));
    roots.push(folder);
    await expect(
      new LocalProjectGit(folder).defaultBranch(),
    ).rejects.toBeInstanceOf(GitRefError);
  });
});
