import { createMockDirectory } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { loadProject, parseProjectFile } from '@meshwork/data-mesh-common';
import { readProjectFolder } from '@meshwork/data-mesh-node';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { actionContext } from '../lib/__testUtils__/actionContext';
import { parse } from 'yaml';
import { createProjectInitAction } from './projectInit';
import {
  expectUpToDateProject,
  pipelineTestResults,
  testStandards,
} from '../lib/__testUtils__/projectChecks';

const salesTeam = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'sales-analytics', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

/** A demo user of a team, as the catalog holds users (`spec.memberOf`). */
const user = (name: string, team: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { memberOf: [team] },
});

describe('data-mesh:project:init', () => {
  const workspace = createMockDirectory();
  const action = createProjectInitAction({
    catalog: catalogServiceMock({
      entities: [
        salesTeam,
        user('sam', 'sales-analytics'),
        user('priya', 'platform-team'),
        user('fiona', 'finance-insights'),
      ],
    }),
    standards: testStandards,
  });

  beforeEach(() => workspace.clear());

  const input = {
    name: 'customer-insights',
    title: 'Customer Insights',
    description: 'Who our customers are and how to reach them',
    owner: 'sales-analytics',
    domain: 'sales',
    targets: ['dev', 'prod'],
    standardsVersion: '2026.2',
  };

  const run = (
    overrides: Record<string, unknown> = {},
    /** `null`: a task no user started. */
    userRef: string | null = 'user:default/sam',
  ) => {
    const ctx = actionContext(
      { ...input, ...overrides },
      {
        workspacePath: workspace.path,
        ...(userRef && { user: { ref: userRef } }),
      },
    );
    return { ctx, done: action.handler(ctx) };
  };

  const workspaceFiles = () =>
    fs.readdirSync(workspace.path, { recursive: true }).map(String).sort();

  it('writes a project that validates, is compiled and has its tests', async () => {
    const { ctx, done } = run({ targetPath: 'customer-insights' });
    await done;

    const root = workspace.resolve('customer-insights');
    const files = await readProjectFolder(root);
    const paths = files.map(f => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'meshwork.yaml',
        'datasets/customer_insights_customers.dataset.yaml',
        'datasets/customer_insights_contacts.dataset.yaml',
        'pipelines/customer_contacts.pipeline.yaml',
        'jobs/daily_customer_contacts.job.yaml',
        'generated/sql/customer_contacts.sql',
        'generated/python/customer_contacts.py',
        'generated/manifest.json',
        'databricks.yml',
        'resources/daily_customer_contacts.job.yml',
      ]),
    );
    // validate + compile --check: no problem at all, generated files current.
    await expectUpToDateProject(root);

    const settings = parse(fs.readFileSync(`${root}/meshwork.yaml`, 'utf8'));
    expect(settings).toMatchObject({
      name: 'customer-insights',
      owner: 'group:default/sales-analytics',
      domain: 'sales',
      standardsVersion: '2026.2',
      engine: {
        targets: {
          dev: { warehouse: 'dev-warehouse', catalog: 'dev', schema: 'sales' },
          prod: {
            warehouse: 'prod-warehouse',
            catalog: 'main',
            schema: 'sales',
          },
        },
      },
    });

    const product = loadProject(files).datasets.get(
      'customer_insights_contacts',
    )!.value;
    expect(product.visibility).toBe('published');
    expect(product.contract.sla).toEqual({ freshnessHours: 26 });
    expect(
      product.contract.columns.find(c => c.name === 'email')?.classification,
    ).toBe('pii');
    expect(product.contract.quality?.length).toBeGreaterThan(0);

    const catalogInfo = parse(
      fs.readFileSync(`${root}/catalog-info.yaml`, 'utf8'),
    );
    expect(catalogInfo).toMatchObject({
      kind: 'Component',
      metadata: {
        name: 'customer-insights',
        annotations: { 'meshwork.io/project-repo': 'dir:.' },
      },
      spec: { type: 'data-project', owner: 'group:default/sales-analytics' },
    });
    const workflow = fs.readFileSync(
      `${root}/.github/workflows/meshwork.yml`,
      'utf8',
    );
    for (const command of [
      'meshwork validate .',
      'meshwork compile . --check',
      'meshwork test .',
    ]) {
      expect(workflow).toContain(`run: ${command}`);
    }

    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/customer-insights',
    );
    expect(ctx.output).toHaveBeenCalledWith('dataProducts', [
      'dataproduct:default/customer-insights-customers',
      'dataproduct:default/customer-insights-contacts',
    ]);
  });

  it.each(['2026.1', '2026.2'])(
    'writes pipeline tests that pass on standards %s',
    async standardsVersion => {
      await run({ standardsVersion }).done;
      await expectUpToDateProject(workspace.path);
      const results = await pipelineTestResults(workspace.path);
      expect(results.map(r => [r.file, r.name, r.status, r.diff])).toEqual([
        [
          'tests/customer_contacts.test.yaml',
          'keeps customers with an email and hashes it',
          'passed',
          undefined,
        ],
      ]);
    },
  );

  it('writes a project that the meshwork CLI validates, finds compiled and tests', async () => {
    await run().done;
    // The CLI as CI runs it (`yarn meshwork …`), in a process of its own.
    const meshwork = (...args: string[]) =>
      spawnSync(
        process.execPath,
        [
          '--require',
          require.resolve('@backstage/cli/config/nodeTransform.cjs'),
          path.resolve(__dirname, '../../../data-mesh-node/src/cli/main.ts'),
          ...args,
        ],
        { encoding: 'utf8' },
      );
    for (const args of [
      ['validate', workspace.path],
      ['compile', workspace.path, '--check'],
      ['test', workspace.path],
    ]) {
      const { status, stdout, stderr } = meshwork(...args);
      expect({ args, status, stderr }).toEqual({ args, status: 0, stderr: '' });
      expect(stdout).not.toBe('');
    }
  }, 120_000);

  it('writes tests whose expected rows follow from the pipeline', async () => {
    await run().done;
    const text = fs.readFileSync(
      workspace.resolve('tests/customer_contacts.test.yaml'),
      'utf8',
    );
    const parsed = parseProjectFile(
      'test',
      'customer_contacts.test.yaml',
      text,
    );
    expect(parsed.diagnostics).toEqual([]);
    const [test] = parsed.value!.tests;
    const given = test.given!.customer_insights_customers;
    // The customer without an email is filtered out; the others' emails
    // are trimmed, lower-cased and hashed with 2026.2's salt.
    expect(given.map(r => r.customer_id)).toEqual([1, 2, 3]);
    expect(test.expect.rows.map(r => r.customer_id)).toEqual([1, 3]);
    expect(test.expect.rows[0].email).toBe(
      createHash('sha256').update('meshwork:ada@example.com').digest('hex'),
    );
    expect(test.expect.rows[0].country_code).toBe('GB');
  });

  it('refuses a standards version the library does not have', async () => {
    await expect(run({ standardsVersion: '2031.1' }).done).rejects.toThrow(
      /would not compile with this input; nothing was written:\nmeshwork\.yaml:\d+:\d+: error: .*2031\.1/,
    );
    expect(workspaceFiles()).toEqual([]);
  });

  it('names the field of a project name that is not one', async () => {
    for (const name of ['../x', 'Customer Insights', 'a--b', '']) {
      await expect(run({ name }).done).rejects.toThrow(/name: must be/);
    }
    expect(workspaceFiles()).toEqual([]);
  });

  it('refuses a team the catalog does not know, writing nothing', async () => {
    await expect(run({ owner: 'group:default/nobody' }).done).rejects.toThrow(
      'owner: the catalog has no team group:default/nobody',
    );
    await expect(run({ owner: 'user:default/sam' }).done).rejects.toThrow(
      /owner: 'user:default\/sam' is a user, expected a Group/,
    );
    expect(workspaceFiles()).toEqual([]);
  });

  it("creates a project for the user's own team, or for any team as the platform team", async () => {
    await run({ targetPath: 'by-priya' }, 'user:default/priya').done;
    expect(workspaceFiles()).toContain('by-priya/meshwork.yaml');
    for (const [who, message] of [
      [
        'user:default/fiona',
        'user:default/fiona is not a member of group:default/sales-analytics',
      ],
      [null, 'a task without a signed-in user is not a member'],
    ] as const) {
      await expect(run({ targetPath: 'other' }, who).done).rejects.toThrow(
        `owner: ${message}`,
      );
    }
    expect(workspaceFiles().filter(f => f.startsWith('other'))).toEqual([]);
  });

  it('refuses a folder that is not empty and leaves it as it was', async () => {
    workspace.setContent({ 'customer-insights/notes.txt': 'mine' });
    await expect(run({ targetPath: 'customer-insights' }).done).rejects.toThrow(
      /targetPath: 'customer-insights' is not empty/,
    );
    expect(workspaceFiles()).toEqual([
      'customer-insights',
      'customer-insights/notes.txt',
    ]);
  });

  it('refuses a folder outside the workspace', async () => {
    await expect(run({ targetPath: '../elsewhere' }).done).rejects.toThrow(
      /targetPath: '..\/elsewhere' is outside the workspace/,
    );
  });

  it('spells out targets and the schema they write to', async () => {
    await run({
      targets: [
        'dev',
        { name: 'prod', catalog: 'lake', warehouse: 'prod-sql' },
      ],
      schema: 'crm',
    }).done;
    await expectUpToDateProject(workspace.path);
    const files = await readProjectFolder(workspace.path);
    expect(loadProject(files).project?.value.engine.targets).toEqual({
      dev: { warehouse: 'dev-warehouse', catalog: 'dev', schema: 'crm' },
      prod: { warehouse: 'prod-sql', catalog: 'lake', schema: 'crm' },
    });
  });
});
