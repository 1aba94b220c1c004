/** @jest-environment node */
import { parseProjectFile } from '@meshwork/data-mesh-common';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import {
  authorizationOf,
  dataProjectComponent,
  ROLES,
  startDemoBackend,
} from './__testUtils__/demoRoles';
import { helloWorldWorkspaces } from './__testUtils__/helloWorldWorkspace';
import {
  commitProjectFolder,
  readAt,
  samUser,
} from './__testUtils__/projectRepository';

jest.setTimeout(180_000);

const STANDARDS_ROOT = path.resolve(
  __dirname,
  '../../../../templates/standards',
);
const workspace = helloWorldWorkspaces('data-mesh-standards-');

const FILE = 'pipelines/CustomerAccounts.pipeline.yaml';
const PIPELINE =
  '/api/data-mesh/projects/hello-world/pipelines/CustomerAccounts';

describe('a project on the standards library, through the API', () => {
  let backend: Awaited<ReturnType<typeof startDemoBackend>>;
  let project: string;
  let seeded: string;

  beforeAll(async () => {
    const ws = workspace();
    project = ws.project;
    // Hello World pins 2026.1: its pipeline now takes the library's rule
    // and calls one of its functions instead of the project's own rule.
    ws.edit(FILE, text =>
      text
        .replace(
          'rule: CommonSalesClassification',
          'rule: standards/CommonSalesClassification',
        )
        .replace(
          'expression: c.customer_name',
          'expression: normalize_email(c.customer_name)',
        ),
    );
    seeded = await commitProjectFolder(project);
    backend = await startDemoBackend({
      dataMesh: {
        engines: { duckdb: { path: ws.warehouse } },
        standards: { root: STANDARDS_ROOT },
      },
      catalog: [dataProjectComponent('hello-world', project), samUser],
    });
  });
  afterAll(async () => {
    await backend?.stop();
  });

  const as = (user: string) => ({
    get: (url: string) =>
      request(backend.server)
        .get(url)
        .set('Authorization', authorizationOf(user)),
    post: (url: string, body: object) =>
      request(backend.server)
        .post(url)
        .set('Authorization', authorizationOf(user))
        .send(body),
  });

  it('opens the pipeline without problems, with the library it pins', async () => {
    const res = await as(ROLES.owner).get(`${PIPELINE}/source`);
    expect(res.status).toBe(200);
    expect(res.body.diagnostics).toEqual([]);
    expect(res.body.standards.version).toBe('2026.1');
    const paths = res.body.standards.files.map((f: { path: string }) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'standards.yaml',
        'rules/CommonSalesClassification.rule.yaml',
        'subgraphs/quarantine_invalid_rows.subgraph.yaml',
      ]),
    );
    const standardsYaml = res.body.standards.files.find(
      (f: { path: string }) => f.path === 'standards.yaml',
    );
    expect(standardsYaml.text).toBe(
      fs.readFileSync(
        path.join(STANDARDS_ROOT, '2026.1/standards.yaml'),
        'utf8',
      ),
    );
  });

  it('previews the gems that use the library', async () => {
    const pipeline = parseProjectFile(
      'pipeline',
      FILE,
      fs.readFileSync(path.join(project, FILE), 'utf8'),
    ).value!;
    const res = await as(ROLES.owner).post('/api/data-mesh/preview', {
      project: 'hello-world',
      pipeline,
      nodeId: 'customer_accounts',
      limit: 5,
    });
    expect(res.status).toBe(200);
    expect(res.body.rows).toHaveLength(5);
    const names = res.body.columns.map((c: { name: string }) => c.name);
    const at = (row: unknown[], column: string) => row[names.indexOf(column)];
    for (const row of res.body.rows) {
      const name = at(row, 'customer_name') as string;
      // normalize_email: trimmed and in lower case.
      expect(name).toBe(name.trim().toLowerCase());
      expect(name).not.toBe('');
      expect(at(row, 'segment')).toEqual(expect.any(String));
    }
  });

  it('commits an edit with the code compiled against the library', async () => {
    const text = fs
      .readFileSync(path.join(project, FILE), 'utf8')
      .replace(
        'description: One row per customer',
        'description: Exactly one row per customer',
      );
    const res = await as(ROLES.owner).post(`${PIPELINE}/commits`, {
      text,
      baseCommit: seeded,
      message: 'Say it exactly',
    });
    expect(res.status).toBe(201);
    const sql = await readAt(
      project,
      res.body.branch,
      'generated/sql/CustomerAccounts.sql',
    );
    // The standard function (2026.1's body) is inlined, as Spark SQL.
    expect(sql).toContain('lower(trim(c.customer_name)) AS customer_name');
    expect(sql).not.toMatch(/normalize_email\(/i);
  });

  it('runs a job whose pipelines use the library', async () => {
    const started = await as(ROLES.platform).post(
      '/api/data-mesh/projects/hello-world/jobs/DailySummary/runs',
      {},
    );
    expect(started.status).toBe(202);
    const deadline = Date.now() + 150_000;
    let run;
    do {
      await new Promise(resolve => setTimeout(resolve, 200));
      run = (
        await as(ROLES.owner).get(`/api/data-mesh/runs/${started.body.id}`)
      ).body;
    } while (
      ['queued', 'running'].includes(run.status) &&
      Date.now() < deadline
    );
    expect(run.error).toBeUndefined();
    expect(run.status).toBe('succeeded');
  });
});
