import git from 'isomorphic-git';
import fs from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { seedProjectRepository } from './seedProjectRepository';

const sam = { name: 'Sam Sales', email: 'sam@acme.example' };
const priya = { name: 'Priya Platform', email: 'priya@acme.example' };

async function write(root: string, files: Record<string, string>) {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
}

async function commit(
  root: string,
  files: Record<string, string>,
  message: string,
  who: { name: string; email: string },
  timestamp: number,
) {
  await write(root, files);
  for (const path of Object.keys(files)) {
    await git.add({ fs, dir: root, filepath: path });
  }
  return git.commit({
    fs,
    dir: root,
    message,
    author: { ...who, timestamp, timezoneOffset: -60 },
  });
}

async function filesAt(dir: string, ref: string) {
  const oid = await git.resolveRef({ fs, dir, ref });
  const files: Record<string, string> = {};
  await git.walk({
    fs,
    dir,
    trees: [git.TREE({ ref: oid })],
    map: async (path, [entry]) => {
      if ((await entry?.type()) === 'blob') {
        files[path] = Buffer.from((await entry!.content())!).toString('utf8');
      }
      return true;
    },
  });
  return files;
}

describe('seedProjectRepository', () => {
  let workspace: string;
  beforeEach(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'meshwork-seed-repo-'));
  });
  afterEach(async () => {
    await rm(workspace, { recursive: true, force: true });
  });

  it('replays the commits that changed the project folder, with their authors, and the files not committed yet', async () => {
    const product = join(workspace, 'product');
    await git.init({ fs, dir: product, defaultBranch: 'main' });
    await commit(
      product,
      { 'examples/hello/meshwork.yaml': 'name: hello\n' },
      'Hello World project',
      sam,
      1_700_000_000,
    );
    await commit(
      product,
      { 'README.md': '# product\n' },
      'Product readme',
      priya,
      1_700_000_100,
    );
    await commit(
      product,
      { 'examples/hello/pipelines/a.pipeline.yaml': 'version: 1\n' },
      'A pipeline',
      priya,
      1_700_000_200,
    );
    await write(product, {
      'examples/hello/meshwork.yaml': 'name: hello\ndescription: edited\n',
    });

    const target = join(workspace, 'repos', 'hello');
    const result = await seedProjectRepository({
      source: join(product, 'examples', 'hello'),
      target,
    });

    expect(result).toEqual({
      path: target,
      branch: 'main',
      commits: 3,
      uncommittedFiles: true,
    });
    const log = await git.log({ fs, dir: target, ref: 'main' });
    expect(
      log.map(({ commit: c }) => [c.message.trim(), c.author.name]),
    ).toEqual([
      [expect.stringContaining('not yet committed'), 'Meshwork'],
      ['A pipeline', 'Priya Platform'],
      ['Hello World project', 'Sam Sales'],
    ]);
    expect(log[1].commit.author).toMatchObject({
      email: priya.email,
      timestamp: 1_700_000_200,
      timezoneOffset: -60,
    });
    expect(await filesAt(target, 'main')).toEqual({
      'meshwork.yaml': 'name: hello\ndescription: edited\n',
      'pipelines/a.pipeline.yaml': 'version: 1\n',
    });
    expect(await git.currentBranch({ fs, dir: target })).toBe('main');
    const changed = (await git.statusMatrix({ fs, dir: target })).filter(
      ([, head, workdir, stage]) => head !== 1 || workdir !== 1 || stage !== 1,
    );
    expect(changed).toEqual([]);
  });

  it('makes one commit of a folder outside any repository', async () => {
    const source = join(workspace, 'loose');
    await write(source, {
      'meshwork.yaml': 'name: loose\n',
      'jobs/j.job.yaml': 'schedule: daily\n',
    });
    const target = join(workspace, 'repos', 'loose');
    const result = await seedProjectRepository({ source, target });
    expect(result).toMatchObject({ commits: 1, uncommittedFiles: false });
    expect(Object.keys(await filesAt(target, 'main')).sort()).toEqual([
      'jobs/j.job.yaml',
      'meshwork.yaml',
    ]);
  });

  it('never overwrites an existing folder, and leaves nothing behind when it fails', async () => {
    const source = join(workspace, 'loose');
    await write(source, { 'meshwork.yaml': 'name: loose\n' });
    const target = join(workspace, 'repos', 'taken');
    await write(target, { 'mine.txt': 'keep me\n' });
    await expect(seedProjectRepository({ source, target })).rejects.toThrow(
      /already exists/,
    );
    expect(fs.readFileSync(join(target, 'mine.txt'), 'utf8')).toBe('keep me\n');

    await expect(
      seedProjectRepository({
        source: join(workspace, 'missing'),
        target: join(workspace, 'repos', 'missing'),
      }),
    ).rejects.toThrow(/ENOENT/);
    expect(fs.readdirSync(join(workspace, 'repos'))).toEqual(['taken']);
  });
});
