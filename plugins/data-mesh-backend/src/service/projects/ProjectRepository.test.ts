import { NotFoundError } from '@backstage/errors';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProjectRepository } from './ProjectRepository';

const HELLO_WORLD = path.resolve(
  __dirname,
  '../../../../../examples/hello-world',
);

describe('ProjectRepository.sources', () => {
  let root: string;
  let projects: ProjectRepository;

  const text = async (file: string) =>
    (await projects.sources('p')).find(f => f.path === file)?.text;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwork-sources-'));
    fs.cpSync(HELLO_WORLD, root, { recursive: true });
    projects = new ProjectRepository([{ name: 'p', path: root }]);
  });

  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('reads the source files, not the generated ones', async () => {
    const sources = (await projects.sources('p')).map(f => f.path);
    expect(sources).toContain('meshwork.yaml');
    expect(sources).toContain('pipelines/ComputeSales.pipeline.yaml');
    expect(
      sources.filter(p => !/^(meshwork\.yaml$|[a-z]+s\/)/.test(p)),
    ).toEqual([]);
    expect(sources.some(p => /^(generated|resources)\//.test(p))).toBe(false);
    // Other callers still get everything.
    const all = (await projects.files('p')).map(f => f.path);
    expect(all.some(p => p.startsWith('generated/'))).toBe(true);
    expect(all).toContain('databricks.yml');
  });

  it('hands back the same array while nothing changed', async () => {
    const first = await projects.sources('p');
    expect(await projects.sources('p')).toBe(first);
  });

  it('sees a file edited in place, even to the same size', async () => {
    const file = path.join(root, 'meshwork.yaml');
    const before = await projects.sources('p');
    const edited = fs
      .readFileSync(file, 'utf8')
      .replace('title: Hello World', 'title: Hello Earth');
    fs.writeFileSync(file, edited);
    expect(await text('meshwork.yaml')).toBe(edited);
    expect(await projects.sources('p')).not.toBe(before);
  });

  it('sees a file replaced by a rename, added, or removed', async () => {
    const dataset = path.join(root, 'datasets/bronze_orders.dataset.yaml');
    await projects.sources('p');
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
    await projects.sources('p');
    fs.writeFileSync(path.join(root, 'pipelines/drafts/a.yaml'), 'a\n');
    expect(await text('pipelines/drafts/a.yaml')).toBe('a\n');
    fs.mkdirSync(path.join(root, 'subgraphs'));
    fs.writeFileSync(path.join(root, 'subgraphs/s.subgraph.yaml'), 's\n');
    expect(await text('subgraphs/s.subgraph.yaml')).toBe('s\n');
  });

  it('ignores hidden files, as reading the folder does', async () => {
    const first = await projects.sources('p');
    fs.writeFileSync(path.join(root, 'pipelines/.swp'), 'half written');
    expect(await projects.sources('p')).toBe(first);
  });

  it('rejects a project that is not configured', async () => {
    await expect(projects.sources('nope')).rejects.toThrow(NotFoundError);
  });
});
