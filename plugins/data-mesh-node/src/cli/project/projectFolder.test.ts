import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomically } from './projectFolder';

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
});
