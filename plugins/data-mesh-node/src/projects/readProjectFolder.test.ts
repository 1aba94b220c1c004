import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readProjectFolder } from './readProjectFolder';

describe('readProjectFolder', () => {
  let folder: string;

  const write = async (path: string, text = `# ${path}\n`) => {
    const full = join(folder, ...path.split('/'));
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, text);
  };

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'meshwork-folder-'));
  });

  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('reads the project files and the generated ones, skipping hidden and other files', async () => {
    await write('meshwork.yaml');
    await write('pipelines/a.pipeline.yaml');
    await write('pipelines/.a.pipeline.yaml.swp');
    await write('generated/python/a.py');
    await write('README.md');
    await write('node_modules/x/index.js');
    const files = await readProjectFolder(folder);
    expect(files.map(f => f.path)).toEqual([
      'generated/python/a.py',
      'meshwork.yaml',
      'pipelines/a.pipeline.yaml',
    ]);
    expect(files[1].text).toBe('# meshwork.yaml\n');
  });

  it('reads only what the compiler reads when asked for the sources', async () => {
    await write('meshwork.yaml');
    await write('databricks.yml');
    await write('jobs/j.job.yaml');
    await write('generated/sql/a.sql');
    await write('resources/j.yml');
    const files = await readProjectFolder(folder, { sourcesOnly: true });
    expect(files.map(f => f.path)).toEqual([
      'jobs/j.job.yaml',
      'meshwork.yaml',
    ]);
  });

  it('skips files larger than a project file can be', async () => {
    await write('pipelines/huge.pipeline.yaml', 'x'.repeat(5_000_001));
    await write('pipelines/small.pipeline.yaml');
    const files = await readProjectFolder(folder);
    expect(files.map(f => f.path)).toEqual(['pipelines/small.pipeline.yaml']);
  });

  it('refuses a path that is not a folder', async () => {
    await write('file.txt', 'x');
    await expect(readProjectFolder(join(folder, 'file.txt'))).rejects.toThrow(
      `${join(folder, 'file.txt')} is not a folder`,
    );
    await expect(readProjectFolder(join(folder, 'missing'))).rejects.toThrow(
      `${join(folder, 'missing')} does not exist`,
    );
  });
});
