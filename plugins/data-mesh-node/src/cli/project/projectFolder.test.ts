import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readProjectFolder, writeFileAtomically } from './projectFolder';

describe('project folder', () => {
  let folder: string;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'meshwork-folder-'));
  });

  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('writes a file atomically, creating its folder, with no temporary file left', async () => {
    const path = join(folder, 'generated', 'sql', 'a.sql');
    await writeFileAtomically(path, 'SELECT 1;\n');
    await writeFileAtomically(path, 'SELECT 2;\n');
    expect(await readFile(path, 'utf8')).toBe('SELECT 2;\n');
    expect(await readdir(join(folder, 'generated', 'sql'))).toEqual(['a.sql']);
  });

  it('removes the temporary file when the rename fails', async () => {
    // A folder where the file should go: the rename cannot replace it.
    await mkdir(join(folder, 'resources', 'job.yml'), { recursive: true });
    await expect(
      writeFileAtomically(join(folder, 'resources', 'job.yml'), 'x: 1\n'),
    ).rejects.toThrow();
    expect(await readdir(join(folder, 'resources'))).toEqual(['job.yml']);
  });

  it('reads the project files and the generated ones, skipping hidden and other files', async () => {
    const write = (path: string) =>
      writeFileAtomically(join(folder, ...path.split('/')), `# ${path}\n`);
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

  it('refuses a path that is not a folder', async () => {
    await writeFileAtomically(join(folder, 'file.txt'), 'x');
    await expect(readProjectFolder(join(folder, 'file.txt'))).rejects.toThrow(
      `${join(folder, 'file.txt')} is not a folder`,
    );
  });
});
