import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalFolderProjectSource } from './LocalFolderProjectSource';

const HELLO_WORLD = path.resolve(__dirname, '../../../../examples/hello-world');

describe('LocalFolderProjectSource', () => {
  let root: string;
  let source: LocalFolderProjectSource;

  const sources = async () => (await source.read({ sourcesOnly: true })).files;
  const text = async (file: string) =>
    (await sources()).find(f => f.path === file)?.text;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwork-sources-'));
    fs.cpSync(HELLO_WORLD, root, { recursive: true });
    source = new LocalFolderProjectSource(root);
  });

  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('reads the source files, or all files with the generated ones', async () => {
    const read = (await sources()).map(f => f.path);
    expect(read).toContain('meshwork.yaml');
    expect(read).toContain('pipelines/ComputeSales.pipeline.yaml');
    expect(read.filter(p => !/^(meshwork\.yaml$|[a-z]+s\/)/.test(p))).toEqual(
      [],
    );
    expect(read.some(p => /^(generated|resources)\//.test(p))).toBe(false);
    const all = (await source.read()).files.map(f => f.path);
    expect(all.some(p => p.startsWith('generated/'))).toBe(true);
    expect(all).toContain('databricks.yml');
  });

  it('hands back the same read while nothing changed', async () => {
    const first = await source.read({ sourcesOnly: true });
    expect(await source.read({ sourcesOnly: true })).toBe(first);
    const all = await source.read();
    expect(await source.read()).toBe(all);
    expect(all.etag).not.toBe(first.etag);
  });

  it('sees a file edited in place, even to the same size', async () => {
    const file = path.join(root, 'meshwork.yaml');
    const before = await source.read({ sourcesOnly: true });
    const edited = fs
      .readFileSync(file, 'utf8')
      .replace('title: Hello World', 'title: Hello Earth');
    fs.writeFileSync(file, edited);
    expect(await text('meshwork.yaml')).toBe(edited);
    const after = await source.read({ sourcesOnly: true });
    expect(after).not.toBe(before);
    expect(after.etag).not.toBe(before.etag);
  });

  it('keeps the read and its etag when a write changes no content', async () => {
    const before = await source.read({ sourcesOnly: true });
    const file = path.join(root, 'meshwork.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8'));
    expect(await source.read({ sourcesOnly: true })).toBe(before);
  });

  it('sees a file replaced by a rename, added, or removed', async () => {
    const dataset = path.join(root, 'datasets/bronze_orders.dataset.yaml');
    await sources();
    const temporary = path.join(root, 'datasets/.swap');
    fs.writeFileSync(temporary, 'formatVersion: 1\nname: renamed\n');
    fs.renameSync(temporary, dataset);
    expect(await text('datasets/bronze_orders.dataset.yaml')).toBe(
      'formatVersion: 1\nname: renamed\n',
    );

    fs.writeFileSync(path.join(root, 'rules/new.rule.yaml'), 'x: 1\n');
    expect(await text('rules/new.rule.yaml')).toBe('x: 1\n');

    fs.rmSync(dataset);
    expect(await text('datasets/bronze_orders.dataset.yaml')).toBeUndefined();
  });

  it('sees a file written into a folder that was empty, or did not exist', async () => {
    fs.rmSync(path.join(root, 'subgraphs'), { recursive: true });
    fs.mkdirSync(path.join(root, 'pipelines/drafts'));
    await sources();
    fs.writeFileSync(path.join(root, 'pipelines/drafts/a.yaml'), 'a\n');
    expect(await text('pipelines/drafts/a.yaml')).toBe('a\n');
    fs.mkdirSync(path.join(root, 'subgraphs'));
    fs.writeFileSync(path.join(root, 'subgraphs/s.subgraph.yaml'), 's\n');
    expect(await text('subgraphs/s.subgraph.yaml')).toBe('s\n');
  });

  it('ignores hidden files, as reading the folder does', async () => {
    const first = await source.read({ sourcesOnly: true });
    fs.writeFileSync(path.join(root, 'pipelines/.swp'), 'half written');
    expect(await source.read({ sourcesOnly: true })).toBe(first);
  });

  it('fails on a folder that does not exist, and reads it once it does', async () => {
    const missing = new LocalFolderProjectSource(path.join(root, 'later'));
    await expect(missing.read()).rejects.toThrow(/later does not exist/);
    fs.cpSync(HELLO_WORLD, path.join(root, 'later'), { recursive: true });
    expect((await missing.read()).files.length).toBeGreaterThan(0);
  });
});
