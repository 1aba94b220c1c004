import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProjectRepository } from '../projects/ProjectRepository';
import { LoadedProjectCache } from './LoadedProjectCache';

const HELLO_WORLD = path.resolve(
  __dirname,
  '../../../../../examples/hello-world',
);

describe('LoadedProjectCache', () => {
  let root: string;
  let cache: LoadedProjectCache;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwork-loaded-'));
    fs.cpSync(HELLO_WORLD, root, { recursive: true });
    cache = new LoadedProjectCache(ProjectRepository.forFolders({ p: root }));
  });

  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('does not parse the project again while its files are unchanged', async () => {
    const first = await cache.load('p');
    expect(first.loaded.pipelines.has('ComputeSales')).toBe(true);
    // Generated files are not source: writing one changes nothing loaded.
    fs.writeFileSync(path.join(root, 'generated/extra.sql'), 'SELECT 1;\n');
    expect(await cache.load('p')).toBe(first);
  });

  it('loads the project again after a file is edited', async () => {
    const first = await cache.load('p');
    expect(first.dataset('bronze_orders')?.table).toBe('bronze.orders');
    const file = path.join(root, 'datasets/bronze_orders.dataset.yaml');
    fs.writeFileSync(
      file,
      fs
        .readFileSync(file, 'utf8')
        .replace('table: bronze.orders', 'table: bronze.orders_v2'),
    );
    const second = await cache.load('p');
    expect(second).not.toBe(first);
    expect(second.dataset('bronze_orders')?.table).toBe('bronze.orders_v2');
    expect(await cache.load('p')).toBe(second);
  });
});
