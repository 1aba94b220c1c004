/**
 * @jest-environment node
 */
import {
  cp,
  mkdtemp,
  readdir,
  readFile,
  rm,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { OdcsDocument, readOdcs } from '@meshwork/data-mesh-common';
import { main } from './main';

/** A contract the CLI wrote, checked against the ODCS schema. */
function parse(text: string): OdcsDocument {
  const read = readOdcs(text);
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return read.document;
}

const HELLO_WORLD = resolve(__dirname, '../../../../examples/hello-world');
const FIXTURES = resolve(
  __dirname,
  '../../../data-mesh-common/src/odcs/__fixtures__',
);

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

describe('meshwork odcs', () => {
  let root: string;
  let project: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'meshwork-odcs-'));
    project = join(root, 'hello-world');
    await cp(HELLO_WORLD, project, { recursive: true });
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('exports a dataset as ODCS YAML on stdout', async () => {
    const { code, stdout, stderr } = await run(
      'odcs',
      'export',
      project,
      'TotalSales',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const document = parse(stdout);
    expect(document).toMatchObject({
      apiVersion: 'v3.1.0',
      kind: 'DataContract',
      name: 'TotalSales',
      schema: [{ name: 'TotalSales', physicalName: 'gold.total_sales' }],
    });
  });

  it('exports to a file, and imports it back to the same dataset file', async () => {
    const out = join(root, 'total-sales.odcs.yaml');
    const exported = await run(
      'odcs',
      'export',
      project,
      'TotalSales',
      '--out',
      out,
      '--contract-version',
      '2.1.0',
    );
    expect(exported).toMatchObject({ code: 0, stderr: '' });
    expect(parse(await readFile(out, 'utf8')).version).toBe('2.1.0');

    const file = join(project, 'datasets', 'TotalSales.dataset.yaml');
    const original = await readFile(file, 'utf8');
    const refused = await run('odcs', 'import', out, project);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /TotalSales\.dataset\.yaml exists; pass --force/,
    );

    await rm(file);
    const imported = await run('odcs', 'import', out, project);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(
      /^wrote .*datasets\/TotalSales\.dataset\.yaml: 8 columns, 4 quality rules\n/,
    );
    expect(imported.stdout).not.toContain('imported with changes');
    expect(await readFile(file, 'utf8')).toBe(original);
    expect((await run('compile', project, '--check')).code).toBe(0);
  });

  it('imports a contract of another tool and lists what it could not map', async () => {
    const { code, stdout, stderr } = await run(
      'odcs',
      'import',
      join(FIXTURES, 'bitol-full-example.odcs.yaml'),
      project,
      '--object',
      'tbl',
      '--dataset',
      'seller_payments',
      '--layer',
      'silver',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^wrote .*datasets\/seller_payments\.dataset\.yaml/);
    expect(stdout).toContain('imported with changes (');
    expect(stdout).toMatch(/\n {2}support: datasets have no support channels/);
    expect(stdout).toMatch(/\n {2}schema\[1\]: one dataset per import/);
    const written = await readFile(
      join(project, 'datasets', 'seller_payments.dataset.yaml'),
      'utf8',
    );
    expect(written).toMatch(
      /^formatVersion: 1\nname: seller_payments\ntable: tbl_1\nlayer: silver\nvisibility: internal\nowner: group:default\/my-team\n/,
    );
    expect((await run('validate', project)).code).toBe(0);
  });

  it('asks which table of a contract with several to import', async () => {
    const { code, stderr } = await run(
      'odcs',
      'import',
      join(FIXTURES, 'bitol-full-example.odcs.yaml'),
      project,
    );
    expect(code).toBe(1);
    expect(stderr).toBe(
      "meshwork: the contract describes 2 tables (tbl, receivers); choose one with --object (see 'meshwork odcs --help')\n",
    );
  });

  it('reports an invalid contract with line, column and path, and writes nothing', async () => {
    const bad = join(root, 'bad.odcs.yaml');
    await writeFile(
      bad,
      'apiVersion: v3.1.0\nkind: DataContract\nid: x\nstatus: active\nschema:\n  - name: t\n    properties:\n      - name: a\n        required: maybe\n',
    );
    const before = await readdir(join(project, 'datasets'));
    const { code, stdout, stderr } = await run('odcs', 'import', bad, project);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.split('\n')).toEqual([
      `${bad}:1:1: error: missing required field 'version'`,
      `${bad}:9:9: error: must be a boolean (schema[0].properties[0].required)`,
      `meshwork: ${bad} is not a valid ODCS contract (2 problems); nothing was written`,
      '',
    ]);
    expect(await readdir(join(project, 'datasets'))).toEqual(before);
  });

  it('names an unknown dataset and wrong arguments', async () => {
    const unknown = await run('odcs', 'export', project, 'Nope');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(
      /^meshwork: no dataset 'Nope' in .*\(it has CustomerOrder, /,
    );
    const usage = await run('odcs', 'import', 'only-one');
    expect(usage.stderr).toBe(
      "meshwork: expected <file> and <project>, got 1 argument (see 'meshwork odcs --help')\n",
    );
    const layer = await run(
      'odcs',
      'import',
      'a',
      project,
      '--layer',
      'platinum',
    );
    expect(layer.stderr).toMatch(
      /--layer must be one of bronze, silver, gold, got 'platinum'/,
    );
  });
});
