/**
 * @jest-environment node
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from './main';
import { withStandardsVersion } from './commands/standards';

const HELLO_WORLD = resolve(__dirname, '../../../../examples/hello-world');
const STANDARDS = resolve(__dirname, '../../../../templates/standards');

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'meshwork-standards-cli-'));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function copyOfHelloWorld(name: string): Promise<string> {
  const copy = join(folder, name);
  await cp(HELLO_WORLD, copy, { recursive: true });
  return copy;
}

describe('meshwork standards diff', () => {
  it('shows the generated-code diff of an upgrade from 2026.1 to 2026.2, and writes nothing', async () => {
    const project = await copyOfHelloWorld('diff');
    const { code, stdout } = await run(
      'standards',
      'diff',
      project,
      '--to',
      '2026.2',
      '--standards',
      STANDARDS,
    );
    expect(code).toBe(0);
    expect(stdout).toContain(
      '-    sha2(CAST(email AS STRING), 256) AS email,\n' +
        "+    sha2(concat('meshwork:', CAST(email AS STRING)), 256) AS email,",
    );
    expect(stdout).toContain('--- a/generated/sql/Join-customers-redo.sql');
    expect(stdout).toContain('-    "standardsVersion": "2026.1",');
    expect(stdout).toMatch(
      /standards 2026\.1 → 2026\.2: 3 generated files change\n$/,
    );
    expect(await readFile(join(project, 'meshwork.yaml'), 'utf8')).toContain(
      'standardsVersion: "2026.1"',
    );
  });

  it('with --write upgrades meshwork.yaml and the generated files, after which compile --check passes', async () => {
    const project = await copyOfHelloWorld('write');
    const upgrade = await run(
      'standards',
      'diff',
      project,
      '--to',
      '2026.2',
      '--write',
    );
    expect(upgrade.code).toBe(0);
    expect(await readFile(join(project, 'meshwork.yaml'), 'utf8')).toContain(
      'standardsVersion: "2026.2"',
    );
    expect(
      await readFile(
        join(project, 'generated/sql/Join-customers-redo.sql'),
        'utf8',
      ),
    ).toContain("sha2(concat('meshwork:', CAST(email AS STRING)), 256)");
    const check = await run('compile', project, '--check');
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
  });

  it('refuses a version that does not exist', async () => {
    const project = await copyOfHelloWorld('unknown-target');
    const { code, stderr } = await run(
      'standards',
      'diff',
      project,
      '--to',
      '2031.4',
    );
    expect(code).toBe(1);
    expect(stderr).toContain('no standards version "2031.4"');
  });
});

describe('meshwork validate with standards', () => {
  it('reports a pinned standardsVersion that does not exist, listing the known ones', async () => {
    const project = await copyOfHelloWorld('unknown-pinned');
    const path = join(project, 'meshwork.yaml');
    await writeFile(
      path,
      withStandardsVersion(await readFile(path, 'utf8'), '2019.1'),
    );
    const { code, stderr } = await run('validate', project);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /meshwork\.yaml:7:\d+: error: no standards version "2019\.1"; known versions: 2026\.1, 2026\.2/,
    );
  });
});

describe('withStandardsVersion', () => {
  it('replaces the pinned version, or adds one before engine', () => {
    expect(
      withStandardsVersion(
        'name: a\nstandardsVersion: "1"\nengine:\n',
        '2026.2',
      ),
    ).toBe('name: a\nstandardsVersion: "2026.2"\nengine:\n');
    expect(withStandardsVersion('name: a\nengine:\n  x: 1\n', '2026.2')).toBe(
      'name: a\nstandardsVersion: "2026.2"\nengine:\n  x: 1\n',
    );
  });
});
