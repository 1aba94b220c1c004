import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWarehouseChecksum } from '../demo';
import { main } from './main';

const GOLDEN_CHECKSUM =
  '7a3cebfa9a704666c96d95422931329760ded7199640c05d1423233a8de1a7cd';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

describe('meshwork CLI', () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'meshwork-cli-'));
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it.each([['--help'], ['-h'], ['help']])(
    'lists the commands for %s',
    async flag => {
      const { code, stdout, stderr } = await run(flag);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Usage: meshwork <command> \[options\]/);
      expect(stdout).toMatch(
        /^ {2}seed {2,}Write the deterministic demo warehouse/m,
      );
      expect(stderr).toBe('');
    },
  );

  it("shows a command's options for <command> --help", async () => {
    const { code, stdout } = await run('seed', '--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^Usage: meshwork seed --warehouse <file> \[--scale <n>\] \[--seed <n>\] \[--force\]/,
    );
    expect(stdout).toContain('--force');
  });

  describe('seed', () => {
    const warehouse = () => join(folder, 'data', 'warehouse.duckdb');

    it('seeds a warehouse and prints a one-line summary', async () => {
      const { code, stdout, stderr } = await run(
        'seed',
        '--warehouse',
        warehouse(),
      );
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout).toMatch(
        new RegExp(
          `^Seeded ${warehouse()} \\(seed 42, scale 1\\): 5 tables, [\\d,]+ rows ` +
            `\\(customers 1,000, accounts [\\d,]+, products 200, orders [\\d,]+, order_lines [\\d,]+\\), ` +
            `checksum ${GOLDEN_CHECKSUM}, \\d+\\.\\d s\\n$`,
        ),
      );
    });

    it('reports an up-to-date warehouse without rewriting it', async () => {
      const { code, stdout } = await run(
        'seed',
        '--warehouse',
        warehouse(),
        '--scale',
        '1',
        '--seed',
        '42',
      );
      expect(code).toBe(0);
      expect(stdout).toMatch(
        new RegExp(`^Up to date: ${warehouse()} \\(seed 42, scale 1\\): `),
      );
    });

    it('refuses other data without --force and replaces it with --force', async () => {
      const refused = await run(
        'seed',
        '--warehouse',
        warehouse(),
        '--seed',
        '7',
      );
      expect(refused).toEqual({
        code: 1,
        stdout: '',
        stderr: `meshwork: ${warehouse()} already holds data seeded with seed 42 and scale 1; use force to replace it\n`,
      });

      const forced = await run(
        'seed',
        '--warehouse',
        warehouse(),
        '--seed=7',
        '--force',
      );
      expect(forced.code).toBe(0);
      expect(forced.stdout).toMatch(/^Seeded .* \(seed 7, scale 1\)/);
      expect(await readdir(join(folder, 'data'))).toEqual(['warehouse.duckdb']);
    }, 30_000);

    it('reports a seeding error in one line', async () => {
      const notAWarehouse = join(folder, 'notes.txt');
      await writeFile(notAWarehouse, 'hello');
      await expect(
        run('seed', '--warehouse', notAWarehouse, '--force'),
      ).resolves.toEqual({
        code: 1,
        stdout: '',
        stderr: `meshwork: ${notAWarehouse} is not a DuckDB database\n`,
      });
    });
  });

  describe('seed-repo', () => {
    it('makes a project folder a repository of its own once, then leaves it alone', async () => {
      const project = join(folder, 'loose-project');
      await mkdir(project, { recursive: true });
      await writeFile(join(project, 'meshwork.yaml'), 'name: loose\n');
      const repo = join(folder, 'repos', 'loose');

      const seeded = await run('seed-repo', project, '--to', repo);
      expect(seeded).toEqual({
        code: 0,
        stdout: `Seeded ${repo} from ${project}: 1 commit on main\n`,
        stderr: '',
      });
      expect(existsSync(join(repo, '.git'))).toBe(true);

      const again = await run('seed-repo', project, '--to', repo);
      expect(again.stdout).toBe(
        `Up to date: ${repo} exists and is left alone\n`,
      );
      expect((await run('seed-repo', project)).stderr).toContain(
        '--to <folder> is required',
      );
    });
  });

  describe('argument errors', () => {
    // Every case fails before seeding, so nothing is ever written here.
    const target = join(tmpdir(), 'meshwork-cli-never-written.duckdb');
    const seedHelp = " (see 'meshwork seed --help')";
    const mainHelp = " (see 'meshwork --help')";

    it.each<[string, string[], string]>([
      ['no command', [], `missing command${mainHelp}`],
      ['an unknown command', ['sed'], `unknown command 'sed'${mainHelp}`],
      [
        'an unknown global option',
        ['--version'],
        `unknown option '--version'${mainHelp}`,
      ],
      [
        'a missing --warehouse',
        ['seed'],
        `--warehouse <file> is required${seedHelp}`,
      ],
      [
        '--warehouse without a value',
        ['seed', '--warehouse'],
        `option '--warehouse <value>' argument missing${seedHelp}`,
      ],
      [
        'an unknown flag',
        ['seed', '--warehouse', target, '--fast'],
        `unknown option '--fast'${seedHelp}`,
      ],
      [
        'a positional argument',
        ['seed', target],
        `unexpected argument '${target}'${seedHelp}`,
      ],
      ...['0', '1.5', 'ten', '1e3', '-1'].map(
        (scale): [string, string[], string] => [
          `--scale ${scale}`,
          ['seed', '--warehouse', target, `--scale=${scale}`],
          `--scale must be a positive integer, got '${scale}'${seedHelp}`,
        ],
      ),
      [
        'a negative --seed',
        ['seed', '--warehouse', target, '--seed=-1'],
        `--seed must be a non-negative integer, got '-1'${seedHelp}`,
      ],
    ])(
      'rejects %s with one line on stderr and exit code 1',
      async (_, argv, message) => {
        const result = await run(...argv);
        expect(result).toEqual({
          code: 1,
          stdout: '',
          stderr: `meshwork: ${message}\n`,
        });
        expect(existsSync(target)).toBe(false);
      },
    );
  });

  /** Runs main.ts as a script in a plain Node process, as users do. */
  const runScript = (...argv: string[]) =>
    spawnSync(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        join(__dirname, 'main.ts'),
        ...argv,
      ],
      { encoding: 'utf8' },
    );

  it('seeds scale 10 with ten times the customers, accounts, orders and lines', async () => {
    // A separate process rather than main() in-process: Jest's sandbox
    // makes every global lookup (Math, String, JSON) several times slower,
    // which would time Jest instead of the seeder.
    const path = join(folder, 'scale10.duckdb');
    const result = runScript('seed', '--warehouse', path, '--scale', '10');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const summary =
      /\(customers ([\d,]+), accounts ([\d,]+), products ([\d,]+), orders ([\d,]+), order_lines ([\d,]+)\), checksum ([0-9a-f]{64}), ([\d.]+) s$/m.exec(
        result.stdout,
      );
    expect(summary).not.toBeNull();
    const [customers, accounts, products, orders, lines] = summary!
      .slice(1, 6)
      .map(count => Number(count.replace(/,/g, '')));
    // Scale 1 has 1,000 customers, ~1,300 accounts, 200 products,
    // ~20,000 orders and ~60,000 order lines.
    expect(customers).toBe(10_000);
    expect(products).toBe(500);
    expect(accounts).toBeGreaterThan(12_500);
    expect(accounts).toBeLessThan(14_000);
    expect(orders).toBeGreaterThan(195_000);
    expect(orders).toBeLessThan(205_000);
    expect(lines).toBeGreaterThan(570_000);
    expect(lines).toBeLessThan(630_000);
    await expect(readWarehouseChecksum(path)).resolves.toBe(summary![6]);
  }, 180_000);

  it('sets the process exit code when run as a script', () => {
    const result = runScript('seed', '--scale', 'big');
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      "meshwork: --warehouse <file> is required (see 'meshwork seed --help')\n",
    );
  }, 30_000);
});
