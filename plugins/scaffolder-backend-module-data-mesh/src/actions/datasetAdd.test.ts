import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  dataProjectEditPermission,
  loadProject,
} from '@meshwork/data-mesh-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  LocalProjectGit,
  readProjectFolder,
  seedProjectRepository,
} from '@meshwork/data-mesh-node';
import { FakeGithubApi } from '@meshwork/data-mesh-node/testUtils';
import fs from 'node:fs';
import { actionContext } from '../lib/__testUtils__/actionContext';
import path from 'node:path';
import { createDatasetAddAction } from './datasetAdd';
import {
  expectUpToDateProject,
  testStandards,
} from '../lib/__testUtils__/projectChecks';
import { folderSnapshot } from '../lib/__testUtils__/folderSnapshot';

const helloWorld = path.resolve(__dirname, '../../../../examples/hello-world');
const odcsOrders = path.resolve(
  __dirname,
  '../../../data-mesh-common/src/odcs/__fixtures__/datacontract-cli-orders.odcs.yaml',
);

const segments = {
  name: 'customer_segments',
  description: 'Customers by sales segment',
  layer: 'gold',
  visibility: 'published',
  columns: [
    { name: 'customer_id', type: 'bigint', description: 'The customer' },
    {
      name: 'email',
      type: 'string',
      description: 'Contact email',
      classification: 'pii',
      tags: ['email'],
    },
    { name: 'segment', type: 'string', description: 'Sales segment' },
  ],
  quality: [
    { check: 'not_null', column: 'customer_id' },
    { check: 'unique', columns: ['customer_id'] },
    {
      check: 'accepted_values',
      column: 'segment',
      values: ['SMB', 'Mid-market', 'Enterprise'],
    },
  ],
  freshnessHours: 26,
};

function dataProject(name: string, annotations: Record<string, string>) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'data-project', owner: 'sales-analytics' },
  } as Entity;
}

const integrationsFor = (apiBaseUrl?: string) =>
  ScmIntegrations.fromConfig(
    new ConfigReader(
      apiBaseUrl
        ? {
            integrations: {
              github: [
                { host: 'github.example.com', apiBaseUrl, token: 't0ken' },
              ],
            },
          }
        : {},
    ),
  );

describe('data-mesh:dataset:add', () => {
  const workspace = createMockDirectory();
  const repos = createMockDirectory();

  beforeEach(() => {
    workspace.clear();
    repos.clear();
  });

  const run = (
    action: ReturnType<typeof createDatasetAddAction>,
    input: Record<string, unknown>,
  ) => {
    const ctx = actionContext(input, {
      workspacePath: workspace.path,
      user: { ref: 'user:default/sam' },
    });
    return { ctx, done: action.handler(ctx) };
  };

  describe('in a workspace folder', () => {
    const action = createDatasetAddAction({
      permissions: mockServices.permissions(),
      catalog: catalogServiceMock({
        entities: [
          {
            apiVersion: 'meshwork.io/v1alpha1',
            kind: 'DataProduct',
            metadata: { name: 'taken-elsewhere', namespace: 'default' },
            spec: { producedBy: 'component:default/other' },
          },
        ],
      }),
      integrations: integrationsFor(),
      standards: testStandards,
    });

    beforeEach(() => {
      fs.cpSync(helloWorld, workspace.resolve('project'), { recursive: true });
    });

    it('writes the dataset and regenerates the manifest', async () => {
      const { ctx, done } = run(action, { path: 'project', ...segments });
      await done;

      const root = workspace.resolve('project');
      await expectUpToDateProject(root);
      const added = loadProject(await readProjectFolder(root)).datasets.get(
        'customer_segments',
      )!;
      expect(added.path).toBe('datasets/customer_segments.dataset.yaml');
      expect(added.value).toMatchObject({
        table: 'gold.customer_segments',
        owner: 'group:default/sales-analytics',
        visibility: 'published',
        contract: { sla: { freshnessHours: 26 } },
      });
      expect(added.value.contract.columns[1].classification).toBe('pii');
      expect(ctx.output).toHaveBeenCalledWith(
        'entityRef',
        'dataproduct:default/customer-segments',
      );
      expect(ctx.output).toHaveBeenCalledWith('written', [
        'datasets/customer_segments.dataset.yaml',
        'generated/manifest.json',
      ]);
    });

    it('imports an ODCS contract from a workspace file', async () => {
      fs.copyFileSync(odcsOrders, workspace.resolve('orders.odcs.yaml'));
      const { ctx, done } = run(action, {
        path: 'project',
        odcs: 'orders.odcs.yaml',
        odcsObject: 'orders',
        name: 'partner_orders',
        layer: 'silver',
      });
      await done;

      const root = workspace.resolve('project');
      await expectUpToDateProject(root);
      const added = loadProject(await readProjectFolder(root)).datasets.get(
        'partner_orders',
      )!.value;
      expect(added.layer).toBe('silver');
      expect(added.contract.columns.length).toBeGreaterThan(1);
      expect(ctx.output).toHaveBeenCalledWith(
        'datasetPath',
        'datasets/partner_orders.dataset.yaml',
      );
    });

    it('imports an ODCS contract given as text', async () => {
      await run(action, {
        path: 'project',
        odcs: fs.readFileSync(odcsOrders, 'utf8'),
        odcsObject: 'line_items',
        name: 'partner_order_lines',
      }).done;
      const root = workspace.resolve('project');
      await expectUpToDateProject(root);
      expect(
        fs.existsSync(`${root}/datasets/partner_order_lines.dataset.yaml`),
      ).toBe(true);
    });

    it.each([
      [
        'the name of a dataset',
        { name: 'TotalSales' },
        "name: the project has a dataset 'TotalSales' already (datasets/TotalSales.dataset.yaml)",
      ],
      [
        'a name that makes the same DataProduct',
        { name: 'total_sales' },
        "name: 'total_sales' would be the same DataProduct (total-sales) as the dataset 'TotalSales'",
      ],
      [
        'the table of a dataset',
        { table: 'gold.TOTAL_SALES' },
        "table: the dataset 'TotalSales' (datasets/TotalSales.dataset.yaml) is the table gold.total_sales already",
      ],
      [
        'a DataProduct of another project',
        { name: 'taken_elsewhere' },
        'name: the catalog has a DataProduct dataproduct:default/taken-elsewhere already, produced by component:default/other',
      ],
    ])('refuses %s and writes nothing', async (_, clash, message) => {
      const before = folderSnapshot(workspace.path);
      await expect(
        run(action, { path: 'project', ...segments, ...clash }).done,
      ).rejects.toThrow(message);
      expect(folderSnapshot(workspace.path)).toEqual(before);
    });

    it('names the fields of input that is not a dataset', async () => {
      const before = folderSnapshot(workspace.path);
      await expect(
        run(action, { path: 'project', ...segments, name: '../x' }).done,
      ).rejects.toThrow(/name: must be letters, digits/);
      await expect(
        run(action, {
          path: 'project',
          ...segments,
          columns: [{ name: 'id', type: 'no such type' }],
        }).done,
      ).rejects.toThrow(/Invalid dataset: columns\[0\]\.type: /);
      await expect(
        run(action, { path: 'project', odcs: 'kind: DataContract\nfoo: 1\n' })
          .done,
      ).rejects.toThrow(/odcs: not a valid ODCS contract/);
      await expect(
        run(action, { ...segments, path: 'project', project: 'x' }).done,
      ).rejects.toThrow(/give either path .* or project/);
      expect(folderSnapshot(workspace.path)).toEqual(before);
    });
  });

  describe('in the repository of a local data project', () => {
    let repoPath: string;
    const events = mockServices.events.mock();
    let permissions = mockServices.permissions();
    const actionFor = (entities: Entity[]) =>
      createDatasetAddAction({
        permissions,
        catalog: catalogServiceMock({ entities }),
        integrations: integrationsFor(),
        events,
        standards: testStandards,
      });

    beforeEach(async () => {
      repoPath = repos.resolve('hello-world');
      await seedProjectRepository({
        source: helloWorld,
        target: repoPath,
        history: false,
      });
      events.publish.mockClear();
    });

    const helloWorldComponent = () =>
      dataProject('hello-world', {
        'meshwork.io/project-repo': 'dir:.',
        'backstage.io/managed-by-location': `file:${repoPath}/catalog-info.yaml`,
      });

    it('commits to a branch of its own, leaving the default branch alone', async () => {
      const git = new LocalProjectGit(repoPath);
      const main = await git.branchHead('main');
      const files = folderSnapshot(repoPath, { withoutGit: true });
      const { ctx, done } = run(actionFor([helloWorldComponent()]), {
        project: 'component:default/hello-world',
        ...segments,
      });
      await done;

      const head = (await git.branchHead('data-product/customer_segments'))!;
      expect(await git.changedPaths(head)).toEqual([
        'datasets/customer_segments.dataset.yaml',
        'generated/manifest.json',
      ]);
      const [commit] = await git.log(head, { limit: 1 });
      expect(commit.parents).toEqual([main]);
      expect(commit.author.name).toBe('sam');
      expect(await git.branchHead('main')).toBe(main);
      expect(folderSnapshot(repoPath, { withoutGit: true })).toEqual(files);
      expect(events.publish).not.toHaveBeenCalled();
      expect(ctx.output).toHaveBeenCalledWith(
        'branch',
        'data-product/customer_segments',
      );
      expect(ctx.output).toHaveBeenCalledWith('commit', head);
      expect(ctx.output).not.toHaveBeenCalledWith(
        'pullRequestUrl',
        expect.anything(),
      );
    });

    it('refuses a caller who may not change the project, before anything is read or committed', async () => {
      const git = new LocalProjectGit(repoPath);
      const main = await git.branchHead('main');
      const files = folderSnapshot(repoPath);
      const authorize = jest.fn(async () => [{ result: AuthorizeResult.DENY }]);
      permissions = mockServices.permissions.mock({ authorize });
      try {
        await expect(
          run(actionFor([helloWorldComponent()]), {
            project: 'hello-world',
            toDefaultBranch: true,
            ...segments,
          }).done,
        ).rejects.toThrow(
          "project: you may not change the data project 'hello-world'",
        );
      } finally {
        permissions = mockServices.permissions();
      }
      expect(authorize).toHaveBeenCalledWith(
        [
          {
            permission: dataProjectEditPermission,
            resourceRef: 'hello-world',
          },
        ],
        expect.anything(),
      );
      expect(await git.branchHead('main')).toBe(main);
      expect(await git.branchHead('data-product/customer_segments')).toBe(
        undefined,
      );
      expect(folderSnapshot(repoPath)).toEqual(files);
      expect(events.publish).not.toHaveBeenCalled();
    });

    it('publishes at once on the default branch: commit, files and event', async () => {
      const git = new LocalProjectGit(repoPath);
      await run(actionFor([helloWorldComponent()]), {
        project: 'hello-world',
        toDefaultBranch: true,
        ...segments,
        quality: undefined,
        keyColumns: ['customer_id'],
      }).done;

      const head = (await git.branchHead('main'))!;
      expect(await git.changedPaths(head)).toContain(
        'datasets/customer_segments.dataset.yaml',
      );
      // The checked-out files, which the portal reads, are the commit's.
      await expectUpToDateProject(repoPath);
      const added = loadProject(await readProjectFolder(repoPath)).datasets.get(
        'customer_segments',
      )!.value;
      expect(added.contract.quality).toEqual([
        { check: 'not_null', column: 'customer_id' },
        { check: 'unique', columns: ['customer_id'] },
      ]);
      expect(await git.readFiles(head)).toEqual(
        await readProjectFolder(repoPath),
      );
      expect(events.publish).toHaveBeenCalledWith({
        topic: 'data-mesh.project.changed',
        eventPayload: { project: 'hello-world' },
      });
    });

    it('never commits over changes not committed in the checked-out files', async () => {
      const git = new LocalProjectGit(repoPath);
      const main = await git.branchHead('main');
      fs.appendFileSync(`${repoPath}/generated/manifest.json`, ' ');
      await expect(
        run(actionFor([helloWorldComponent()]), {
          project: 'hello-world',
          branch: 'main',
          ...segments,
        }).done,
      ).rejects.toThrow(
        "The checked-out branch 'main' has changes not committed to generated/manifest.json",
      );
      expect(await git.branchHead('main')).toBe(main);
      expect(
        fs.existsSync(`${repoPath}/datasets/customer_segments.dataset.yaml`),
      ).toBe(false);
    });

    it('refuses a name clash without committing anything', async () => {
      const git = new LocalProjectGit(repoPath);
      const main = await git.branchHead('main');
      await expect(
        run(actionFor([helloWorldComponent()]), {
          project: 'hello-world',
          ...segments,
          name: 'CustomerOrder',
        }).done,
      ).rejects.toThrow(/name: the project has a dataset 'CustomerOrder'/);
      expect(
        await git.branchHead('data-product/CustomerOrder'),
      ).toBeUndefined();
      expect(await git.branchHead('main')).toBe(main);
    });

    it('refuses what is not a data project of the catalog', async () => {
      const service = {
        ...helloWorldComponent(),
        metadata: { name: 'portal', namespace: 'default' },
        spec: { type: 'service' },
      };
      const action = actionFor([helloWorldComponent(), service]);
      await expect(
        run(action, { project: 'component:default/nothing', ...segments }).done,
      ).rejects.toThrow(
        'project: the catalog has no component:default/nothing',
      );
      await expect(
        run(action, { project: 'portal', ...segments }).done,
      ).rejects.toThrow(
        'project: component:default/portal is not a data project',
      );
      await expect(
        run(action, { project: 'group:default/sales', ...segments }).done,
      ).rejects.toThrow(/project: 'group:default\/sales' is a group/);
    });
  });

  describe('in a repository on GitHub', () => {
    let api: FakeGithubApi;
    afterEach(() => api?.close());

    it('commits to a branch and opens a pull request', async () => {
      const files = Object.fromEntries(
        (await readProjectFolder(helloWorld)).map(f => [f.path, f.text]),
      );
      api = await FakeGithubApi.start({
        token: 't0ken',
        owner: 'acme',
        repo: 'sales',
        files,
        webBaseUrl: 'https://github.example.com',
      });
      const action = createDatasetAddAction({
        permissions: mockServices.permissions(),
        catalog: catalogServiceMock({
          entities: [
            dataProject('hello-world', {
              'meshwork.io/project-repo':
                'url:https://github.example.com/acme/sales/tree/main',
            }),
          ],
        }),
        integrations: integrationsFor(api.apiBaseUrl),
        standards: testStandards,
      });
      const { ctx, done } = run(action, {
        project: 'hello-world',
        ...segments,
      });
      await done;

      expect(api.pullRequests).toEqual([
        expect.objectContaining({
          head: 'data-product/customer_segments',
          base: 'main',
          title: 'Add the data product customer_segments',
          state: 'open',
        }),
      ]);
      expect(ctx.output).toHaveBeenCalledWith(
        'pullRequestUrl',
        expect.stringMatching(/\/acme\/sales\/pull\/1$/),
      );
    });
  });
});
