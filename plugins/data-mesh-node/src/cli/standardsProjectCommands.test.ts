/**
 * @jest-environment node
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from './main';

const HELLO_WORLD = resolve(__dirname, '../../../../examples/hello-world');
const STANDARDS = resolve(__dirname, '../../../../templates/standards');
const PIPELINE = 'pipelines/CustomerAccounts.pipeline.yaml';

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

/** Hello World with CustomerAccounts on the library's rule and function. */
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'meshwork-standards-project-'));
  project = join(folder, 'hello-world');
  await cp(HELLO_WORLD, project, { recursive: true });
  const file = join(project, PIPELINE);
  const text = await readFile(file, 'utf8');
  const edited = text
    .replace(
      'rule: CommonSalesClassification',
      'rule: standards/CommonSalesClassification',
    )
    .replace(
      'expression: c.customer_name',
      'expression: normalize_email(c.customer_name)',
    );
  if (edited === text) throw new Error(`the edit left ${PIPELINE} unchanged`);
  await writeFile(file, edited);
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('commands on a project that uses the standards library', () => {
  it('lineage traces a column through a standard function', async () => {
    const { code, stdout, stderr } = await run(
      'lineage',
      project,
      '--column',
      'silver_customer_accounts.customer_name',
      '--standards',
      STANDARDS,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).formula).toContain('customer_name');
  });

  it('odcs export compiles the project with the library', async () => {
    const { code, stdout, stderr } = await run(
      'odcs',
      'export',
      project,
      'silver_customer_accounts',
      '--standards',
      STANDARDS,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('silver_customer_accounts');
  });

  it('reports the pinned version missing from another --standards folder', async () => {
    const empty = join(folder, 'no-standards');
    await cp(join(STANDARDS, '2026.2'), join(empty, '2026.2'), {
      recursive: true,
    });
    const { code, stderr } = await run(
      'lineage',
      project,
      '--standards',
      empty,
    );
    expect(code).toBe(1);
    expect(stderr).toContain(
      'no standards version "2026.1"; known versions: 2026.2',
    );
  });
});
