import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  LocalFolderProjectSource,
  UrlReaderProjectSource,
} from '@meshwork/data-mesh-node';
import { CatalogDataProjects } from './CatalogDataProjects';

function component(name: string, repo?: string, namespace = 'default'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace,
      annotations: {
        'backstage.io/managed-by-location': `file:/srv/${name}/catalog-info.yaml`,
        ...(repo && { 'meshwork.io/project-repo': repo }),
      },
    },
    spec: { type: 'data-project' },
  };
}

describe('CatalogDataProjects', () => {
  let entities: Entity[];
  let now: number;
  let catalog: ReturnType<typeof catalogServiceMock.mock>;
  let logger: ReturnType<typeof mockServices.logger.mock>;

  const create = (config: object = {}) =>
    CatalogDataProjects.fromConfig(new ConfigReader(config), {
      catalog,
      auth: mockServices.auth(),
      urlReader: mockServices.urlReader.mock(),
      integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
      logger,
    });
  const names = async (projects: CatalogDataProjects) =>
    (await projects.list()).map(p => p.name).sort();

  beforeEach(() => {
    entities = [component('hello-world', 'dir:.')];
    now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    // The real in-memory catalog, asked for what the entities are now.
    catalog = catalogServiceMock.mock({
      getEntities: jest.fn(async (request, options) =>
        catalogServiceMock({ entities }).getEntities(request, options),
      ),
    });
    logger = mockServices.logger.mock();
  });

  afterEach(() => jest.restoreAllMocks());

  it('finds the data-project Components with their own service credentials', async () => {
    entities.push(
      { ...component('website', 'dir:.'), spec: { type: 'website' } },
      { ...component('api', 'dir:.'), kind: 'API' },
    );
    const projects = create();
    const [project] = await projects.list();
    expect(project).toMatchObject({
      name: 'hello-world',
      entityRef: 'component:default/hello-world',
    });
    expect(project.source).toBeInstanceOf(LocalFolderProjectSource);
    expect(project.source.location).toBe('/srv/hello-world');
    expect(catalog.getEntities).toHaveBeenCalledWith(
      expect.objectContaining({
        filter: { kind: 'Component', 'spec.type': 'data-project' },
      }),
      {
        credentials: expect.objectContaining({
          principal: expect.objectContaining({ type: 'service' }),
        }),
      },
    );
  });

  it('reads a url: project through the UrlReaderService', async () => {
    entities = [
      component('remote', 'url:https://github.com/acme/data/tree/main/remote'),
    ];
    const [project] = await create().list();
    expect(project.source).toBeInstanceOf(UrlReaderProjectSource);
    expect(project.source.location).toBe(
      'https://github.com/acme/data/tree/main/remote',
    );
  });

  it('skips, with one warning each, Components without a readable annotation or with a name taken', async () => {
    entities.push(
      component('no-annotation'),
      component('bad', 'examples/bad'),
      component('hello-world', 'dir:.', 'other'),
    );
    const projects = create({ dataMesh: { projects: { refreshSeconds: 1 } } });
    expect(await names(projects)).toEqual(['hello-world']);
    const warnings = logger.warn.mock.calls.map(([message]) => message);
    expect(warnings).toEqual([
      expect.stringMatching(
        /component:default\/bad: annotation meshwork.io\/project-repo 'examples\/bad' is not a location reference/,
      ),
      expect.stringMatching(
        /component:default\/no-annotation: annotation meshwork.io\/project-repo is missing/,
      ),
      expect.stringMatching(
        /component:other\/hello-world skipped: another Component is named hello-world/,
      ),
    ]);
    now += 2_000;
    await projects.list();
    expect(catalog.getEntities).toHaveBeenCalledTimes(2);
    expect(logger.warn).toHaveBeenCalledTimes(3);
  });

  it('keeps the list for refreshSeconds, and keeps each project source across fetches', async () => {
    const projects = create({ dataMesh: { projects: { refreshSeconds: 30 } } });
    const [first] = await projects.list();
    entities.push(component('later', 'dir:.'));
    now += 29_000;
    expect(await names(projects)).toEqual(['hello-world']);
    now += 1_000;
    expect(await names(projects)).toEqual(['hello-world', 'later']);
    expect(catalog.getEntities).toHaveBeenCalledTimes(2);
    // The source keeps its last read, so previews need not read again.
    expect((await projects.find('hello-world'))?.source).toBe(first.source);
  });

  it('looks up an unknown name again at once, at most every few seconds', async () => {
    const projects = create();
    expect(await projects.find('later')).toBeUndefined();
    expect(catalog.getEntities).toHaveBeenCalledTimes(1);

    entities.push(component('later', 'dir:.'));
    now += 1_000;
    expect(await projects.find('later')).toBeUndefined();
    expect(await projects.find('other')).toBeUndefined();
    expect(catalog.getEntities).toHaveBeenCalledTimes(1);

    now += 5_000;
    expect(await projects.find('later')).toMatchObject({ name: 'later' });
    expect(catalog.getEntities).toHaveBeenCalledTimes(2);
  });

  it('asks the catalog once for callers arriving together', async () => {
    const projects = create();
    await Promise.all([projects.list(), projects.find('x'), projects.list()]);
    expect(catalog.getEntities).toHaveBeenCalledTimes(1);
  });

  it('keeps the last list while the catalog cannot be reached, and fails without one', async () => {
    const projects = create();
    catalog.getEntities.mockRejectedValueOnce(new Error('ECONNREFUSED'));
    await expect(projects.list()).rejects.toThrow('ECONNREFUSED');

    expect(await names(projects)).toEqual(['hello-world']);
    now += 60_000;
    catalog.getEntities.mockRejectedValueOnce(new Error('ECONNREFUSED'));
    expect(await names(projects)).toEqual(['hello-world']);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/not refreshed from the catalog.*ECONNREFUSED/),
    );
  });

  it('refuses a refresh period that is not a positive number', () => {
    expect(() =>
      create({ dataMesh: { projects: { refreshSeconds: 0 } } }),
    ).toThrow(
      'dataMesh.projects.refreshSeconds must be a positive number, got 0',
    );
  });

  it('warns of project folders still configured the old way', async () => {
    create({ dataMesh: { projects: { 'hello-world': { path: '../x' } } } });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /dataMesh.projects.hello-world is not read: data projects come from the catalog/,
      ),
    );
  });
});
