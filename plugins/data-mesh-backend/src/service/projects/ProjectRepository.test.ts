import { NotFoundError } from '@backstage/errors';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProjectRepository } from './ProjectRepository';

const HELLO_WORLD = path.resolve(
  __dirname,
  '../../../../../examples/hello-world',
);

describe('ProjectRepository', () => {
  let root: string;
  let projects: ProjectRepository;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwork-projects-'));
    fs.cpSync(HELLO_WORLD, path.join(root, 'b'), { recursive: true });
    fs.cpSync(HELLO_WORLD, path.join(root, 'a'), { recursive: true });
    projects = ProjectRepository.forFolders({
      b: path.join(root, 'b'),
      a: path.join(root, 'a'),
    });
  });

  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('lists the projects by name', async () => {
    expect((await projects.list()).map(p => p.name)).toEqual(['a', 'b']);
    expect(await projects.has('a')).toBe(true);
    expect(await projects.has('c')).toBe(false);
  });

  it('reads the sources, or all files with the generated ones', async () => {
    const sources = (await projects.sources('a')).map(f => f.path);
    expect(sources).toContain('pipelines/ComputeSales.pipeline.yaml');
    expect(sources.some(p => p.startsWith('generated/'))).toBe(false);
    const all = (await projects.files('a')).map(f => f.path);
    expect(all.some(p => p.startsWith('generated/'))).toBe(true);
    expect((await projects.load('a')).jobs.has('DailySummary')).toBe(true);
  });

  it('takes the owners from meshwork.yaml, and none from a broken one', async () => {
    expect(await projects.owners('a')).toEqual([
      'group:default/sales-analytics',
    ]);
    fs.writeFileSync(path.join(root, 'b/meshwork.yaml'), 'owner: [');
    expect(await projects.owners('b')).toEqual([]);
  });

  it('rejects a project that does not exist, naming those that do', async () => {
    await expect(projects.sources('nope')).rejects.toThrow(
      new NotFoundError(
        "No data project named 'nope'; known data projects: a, b",
      ),
    );
  });
});
