/** @jest-environment node */
import {
  coreServices,
  createServiceFactory,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { NotModifiedError } from '@backstage/errors';
import { Entity } from '@backstage/catalog-model';
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

jest.setTimeout(240_000);

const workspace = helloWorldWorkspaces('data-mesh-sources-');
const OWNER = authorizationOf(ROLES.owner);
const REPOSITORY = 'https://github.com/acme/sales-data/tree/main/hello-world';

/**
 * A UrlReaderService serving one repository folder as GitHub's reader
 * would: every file under it, the commit as etag, NotModifiedError when
 * asked with the current commit. `commit()` stands for a push.
 */
function fakeGitHub(folder: string) {
  let head = 1;
  const trees: string[] = [];
  const reader: UrlReaderService = {
    async readUrl() {
      throw new Error('not used');
    },
    async search() {
      throw new Error('not used');
    },
    async readTree(url, options = {}) {
      if (url !== REPOSITORY) throw new Error(`404 Not Found: ${url}`);
      const etag = `commit-${head}`;
      if (options.etag === etag) throw new NotModifiedError();
      trees.push(etag);
      const paths = (
        fs.readdirSync(folder, { recursive: true }) as string[]
      ).filter(p => fs.statSync(path.join(folder, p)).isFile());
      return {
        etag,
        async files() {
          return paths
            .map(p => p.split(path.sep).join('/'))
            .filter(p => options.filter?.(p) ?? true)
            .map(p => ({
              path: p,
              content: async () => fs.readFileSync(path.join(folder, p)),
            }));
        },
        archive: () => Promise.reject(new Error('not used')),
        dir: () => Promise.reject(new Error('not used')),
      };
    },
  };
  return {
    factory: createServiceFactory({
      service: coreServices.urlReader,
      deps: {},
      factory: () => reader,
    }),
    /** The commits whose trees were downloaded. */
    trees,
    commit: () => {
      head += 1;
    },
  };
}

describe.each(['a local folder', 'a repository'])(
  'a data project in %s',
  where => {
    let backend: Awaited<ReturnType<typeof startDemoBackend>>;
    let ws: ReturnType<ReturnType<typeof helloWorldWorkspaces>>;
    let github: ReturnType<typeof fakeGitHub>;

    beforeAll(async () => {
      ws = workspace();
      github = fakeGitHub(ws.project);
      const component: Entity =
        where === 'a local folder'
          ? dataProjectComponent('hello-world', ws.project)
          : {
              ...dataProjectComponent('hello-world', ws.project),
              metadata: {
                name: 'hello-world',
                annotations: {
                  'backstage.io/managed-by-location':
                    'url:https://github.com/acme/catalog/blob/main/all.yaml',
                  'meshwork.io/project-repo': `url:${REPOSITORY}`,
                },
              },
            };
      backend = await startDemoBackend({
        dataMesh: {
          engines: { duckdb: { path: ws.warehouse } },
          runner: { dbuPerHour: 2 },
          // Asks the repository on every read, as a local folder is checked.
          projects: { recheckSeconds: 0 },
        },
        catalog: [component],
        extraFeatures: [github.factory],
      });
    });

    afterAll(async () => {
      await backend?.stop();
    });

    const preview = async () => {
      const file = 'pipelines/ComputeSales.pipeline.yaml';
      const pipeline = parseProjectFile(
        'pipeline',
        file,
        fs.readFileSync(path.join(ws.project, file), 'utf8'),
      ).value!;
      return request(backend.server)
        .post('/api/data-mesh/preview')
        .set('Authorization', OWNER)
        .send({
          project: 'hello-world',
          pipeline,
          nodeId: 'completed_lines',
          limit: 5,
        });
    };

    it('previews, with the files read again only after a change', async () => {
      const first = await preview();
      expect(first.status).toBe(200);
      expect(first.body.rows).toHaveLength(5);
      expect((await preview()).body.rows).toEqual(first.body.rows);

      // The owner comes from meshwork.yaml: a new owner takes effect on
      // the next request once the change is pushed.
      ws.edit('meshwork.yaml', text =>
        text.replace('group:default/sales-analytics', 'group:default/other'),
      );
      github.commit();
      expect((await preview()).status).toBe(403);
      expect(github.trees).toEqual(
        where === 'a repository' ? ['commit-1', 'commit-2'] : [],
      );
    });

    it('runs a job', async () => {
      const started = await request(backend.server)
        .post('/api/data-mesh/projects/hello-world/jobs/Job-Test/runs')
        .set('Authorization', authorizationOf(ROLES.platform))
        .send({});
      expect(started.status).toBe(202);
      const deadline = Date.now() + 180_000;
      let run;
      do {
        await new Promise(resolve => setTimeout(resolve, 200));
        run = (
          await request(backend.server)
            .get(`/api/data-mesh/runs/${started.body.id}`)
            .set('Authorization', OWNER)
        ).body;
      } while (
        ['queued', 'running'].includes(run.status) &&
        Date.now() < deadline
      );
      expect(run.status).toBe('succeeded');
    });
  },
);
