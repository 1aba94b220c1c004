import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { locationSpecToMetadataName } from '@backstage/plugin-catalog-node';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { LocalProjectGit } from '@meshwork/data-mesh-node';
import fs from 'node:fs';
import { actionContext } from '../lib/__testUtils__/actionContext';
import path from 'node:path';
import { createPublishLocalAction } from './publishLocal';
import { folderSnapshot } from '../lib/__testUtils__/folderSnapshot';

describe('data-mesh:publish:local', () => {
  const workspace = createMockDirectory();
  const repos = createMockDirectory();

  const locationGlob = () => path.join(repos.path, '*', 'catalog-info.yaml');
  const repositoriesLocation = () => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Location',
    metadata: { name: 'local-repositories', namespace: 'default' },
    spec: { type: 'file', target: locationGlob() },
  });

  /** The Location the catalog makes of `catalog.locations` entry of the glob. */
  const configuredLocation = () =>
    `location:default/${locationSpecToMetadataName({
      type: 'file',
      target: locationGlob(),
    })}`;

  const setUp = (entities: any[] = [], refreshable: string[] = []) => {
    const known = new Set([
      ...refreshable,
      ...entities.map(e => stringifyEntityRef(e)),
    ]);
    const catalog = catalogServiceMock.mock({
      refreshEntity: jest.fn(async (ref: string) => {
        if (!known.has(ref)) throw new NotFoundError(`no ${ref}`);
      }),
      getEntities: jest.fn(async request => {
        const filter = (request as any).filter;
        return {
          items: entities.filter(
            e =>
              e.kind === filter.kind &&
              e.spec.type === filter['spec.type'] &&
              e.spec.target === filter['spec.target'],
          ),
        };
      }),
    });
    const action = createPublishLocalAction({
      catalog,
      config: mockServices.rootConfig({
        data: { dataMesh: { localRepositories: { root: repos.path } } },
      }),
    });
    return { catalog, action };
  };

  beforeEach(() => {
    workspace.clear();
    repos.clear();
    workspace.setContent({
      'meshwork.yaml': 'name: customer-insights\n',
      'catalog-info.yaml': [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata:',
        '  name: customer-insights',
        'spec:',
        '  type: data-project',
        '',
      ].join('\n'),
      '.github/workflows/meshwork.yml': 'name: meshwork\n',
    });
  });

  const context = (input: Record<string, unknown>) =>
    actionContext(input, {
      workspacePath: workspace.path,
      user: {
        ref: 'user:default/sam',
        entity: {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'User',
          metadata: { name: 'sam' },
          spec: {
            profile: { displayName: 'Sam Sales', email: 'sam@example.com' },
          },
        },
      },
    });

  it('commits the workspace as a new repository by the user who ran it', async () => {
    const { action, catalog } = setUp([repositoriesLocation()]);
    const ctx = context({ name: 'customer-insights' });
    await action.handler(ctx);

    const repoPath = repos.resolve('customer-insights');
    const git = new LocalProjectGit(repoPath);
    expect(await git.defaultBranch()).toBe('main');
    const head = (await git.branchHead('main'))!;
    const [commit, ...older] = await git.log(head);
    expect(older).toEqual([]);
    expect(commit.author).toEqual({
      name: 'Sam Sales',
      email: 'sam@example.com',
    });
    expect(commit.message).toBe('Create customer-insights');
    expect(await git.changedPaths(head)).toEqual([
      '.github/workflows/meshwork.yml',
      'catalog-info.yaml',
      'meshwork.yaml',
    ]);
    // The work tree is checked out: the catalog and the portal read it.
    expect(fs.readFileSync(`${repoPath}/meshwork.yaml`, 'utf8')).toBe(
      'name: customer-insights\n',
    );

    const catalogInfoPath = path.join(repoPath, 'catalog-info.yaml');
    expect(ctx.output).toHaveBeenCalledWith('repoPath', repoPath);
    expect(ctx.output).toHaveBeenCalledWith('commit', head);
    expect(ctx.output).toHaveBeenCalledWith('catalogInfoPath', catalogInfoPath);
    expect(ctx.output).toHaveBeenCalledWith(
      'catalogInfoLocation',
      `file:${catalogInfoPath}`,
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/customer-insights',
    );
    expect(catalog.refreshEntity).toHaveBeenCalledWith(
      'location:default/local-repositories',
      expect.anything(),
    );
    expect(ctx.output).toHaveBeenCalledWith('catalogRefreshed', true);
  });

  it('refreshes the location of catalog.locations by its name, which queries miss while it matches nothing', async () => {
    const { action, catalog } = setUp([], [configuredLocation()]);
    const ctx = context({ name: 'customer-insights' });
    await action.handler(ctx);
    expect(catalog.refreshEntity).toHaveBeenCalledWith(
      configuredLocation(),
      expect.anything(),
    );
    expect(ctx.output).toHaveBeenCalledWith('catalogRefreshed', true);
  });

  it('says when no catalog location reads the repositories', async () => {
    const { action } = setUp([]);
    const ctx = context({ name: 'customer-insights' });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('catalogRefreshed', false);
  });

  it('never touches a repository that exists', async () => {
    const { action } = setUp();
    repos.setContent({ 'customer-insights/README.md': 'people’s work' });
    const before = folderSnapshot(repos.path);

    await expect(
      action.handler(context({ name: 'customer-insights' })),
    ).rejects.toThrow(
      "name: the repository 'customer-insights' already exists",
    );
    expect(folderSnapshot(repos.path)).toEqual(before);
  });

  it('refuses names that are not a single folder name', async () => {
    const { action } = setUp();
    for (const name of ['../x', 'a/b', '.git', '..', 'Customer Insights', '']) {
      await expect(action.handler(context({ name }))).rejects.toThrow(
        /name: must be lowercase letters and digits/,
      );
    }
    expect(folderSnapshot(repos.path)).toEqual({});
    expect(fs.existsSync(path.join(repos.path, '..', 'x'))).toBe(false);
  });

  it('refuses an empty or missing source folder', async () => {
    const { action } = setUp();
    fs.mkdirSync(workspace.resolve('empty'));
    await expect(
      action.handler(context({ name: 'p', sourcePath: 'empty' })),
    ).rejects.toThrow("sourcePath: 'empty' has no files to publish");
    await expect(
      action.handler(context({ name: 'p', sourcePath: '../..' })),
    ).rejects.toThrow(/sourcePath: '..\/..' is outside the workspace/);
    expect(folderSnapshot(repos.path)).toEqual({});
  });
});
