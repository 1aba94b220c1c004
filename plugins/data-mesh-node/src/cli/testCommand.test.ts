/**
 * @jest-environment node
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from './main';

const HELLO_WORLD = resolve(__dirname, '../../../../examples/hello-world');

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
let project: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'meshwork-test-cli-'));
  project = join(folder, 'hello-world');
  await cp(HELLO_WORLD, project, { recursive: true });
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const RULE = 'rules/CommonSalesClassification.rule.yaml';

describe('meshwork test', () => {
  it('passes every Hello World test, one line each, then the summary', async () => {
    const { code, stdout, stderr } = await run('test', project);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    const summary = lines.pop();
    expect(lines.length).toBeGreaterThanOrEqual(15);
    expect(lines.every(line => line.startsWith('✓ '))).toBe(true);
    expect(lines).toContain(
      '✓ CommonSalesClassification › enterprises in North America and Europe are Strategic',
    );
    expect(summary).toBe(
      `Tests: ${lines.length} passed, 0 failed (${lines.length})`,
    );
  });

  it('fails with the row diff when the rule gives a wrong segment, and passes again once reverted', async () => {
    const path = join(project, RULE);
    const original = await readFile(path, 'utf8');
    const broken = original.replace(
      "geography IN ('North America', 'Europe')\n    then: Strategic",
      "geography IN ('North America', 'Europe')\n    then: Key Account",
    );
    expect(broken).not.toBe(original);
    await writeFile(path, broken);

    const failing = await run('test', project);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain(
      [
        '✗ CommonSalesClassification › enterprises in North America and Europe are Strategic',
        '    expected 2 rows not found:',
        '      - { sector: "Retail", geography: "North America", CommonSalesClassification: "Strategic" }',
        '      - { sector: "Manufacturing", geography: "Europe", CommonSalesClassification: "Strategic" }',
        '    unexpected 2 rows:',
        '      + { sector: "Retail", geography: "North America", CommonSalesClassification: "Key Account" }',
        '      + { sector: "Manufacturing", geography: "Europe", CommonSalesClassification: "Key Account" }',
      ].join('\n'),
    );
    // CustomerAccounts applies the rule too: its Acme GmbH is no longer Strategic.
    expect(failing.stdout).toContain(
      '✗ CustomerAccounts › the account opened last is the current one, the higher id on a tie',
    );
    expect(failing.stdout).toMatch(/^Tests: \d+ passed, 2 failed \(\d+\)$/m);
    // The CI harness reads lines that start with "N passed, N failed".
    expect(failing.stdout).not.toMatch(/^\d+ passed, \d+ failed/m);

    await writeFile(path, original);
    await expect(run('test', project)).resolves.toMatchObject({ code: 0 });
  });

  it('runs the tests of one pipeline with --pipeline', async () => {
    const { code, stdout } = await run(
      'test',
      project,
      '--pipeline',
      'account_length_days',
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Tests: 3 passed, 0 failed \(3\)$/m);
    expect(stdout).not.toContain('ComputeSales');
  });

  it('names the tested subjects when --pipeline names another', async () => {
    const { code, stderr } = await run('test', project, '--pipeline', 'Nope');
    expect(code).toBe(1);
    expect(stderr).toContain(
      "no tests of 'Nope'; tests exist for: CommonSalesClassification, ComputeSales, CustomerAccounts, EnrichSales, Join-customers-redo, account_length_days",
    );
  });

  it('reports the problems of a test file like validate and runs nothing', async () => {
    const copy = join(folder, 'broken');
    await cp(HELLO_WORLD, copy, { recursive: true });
    const file = join(copy, 'tests/EnrichSales.test.yaml');
    const text = await readFile(file, 'utf8');
    await writeFile(
      file,
      text.replace('node: enriched_lines', 'node: enriched'),
    );
    const { code, stdout, stderr } = await run('test', copy);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      new RegExp(
        `^${copy}/tests/EnrichSales\\.test\\.yaml:\\d+:\\d+: error: subgraph "EnrichSales" has no output "enriched"`,
      ),
    );
    expect(stderr).toContain('has errors; no test was run');
  });
});
