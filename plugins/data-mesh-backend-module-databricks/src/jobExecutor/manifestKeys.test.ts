/** @jest-environment node */
import {
  createBackendModule,
  coreServices,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { ANNOTATION_LOCATION } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- the executor is tested inside the runner that drives it
import dataMeshPlugin from '@meshwork/data-mesh-backend';
import { ANNOTATION_PROJECT_REPO } from '@meshwork/data-mesh-common';
import { dataMeshEnginesExtensionPoint } from '@meshwork/data-mesh-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { DatabricksJobsClient } from '../jobs/DatabricksJobsClient';
import {
  startFakeJobsApi,
  type FakeJobsApi,
} from '../jobs/__testUtils__/fakeJobsApi';
import { DatabricksJobExecutor } from './DatabricksJobExecutor';

jest.setTimeout(60_000);

const HELLO_WORLD = path.resolve(__dirname, '../../../../examples/hello-world');

/**
 * A second job whose name and task keys clash with others once in
 * snake_case: `Job_Test` and Hello World's `Job-Test` are both `job_test`,
 * and `AccountLengths` is `account_lengths` like the task before it. It runs
 * `AccountLengths` first, against the file's order.
 */
const CLASHING_JOB = `formatVersion: 1
name: Job_Test
tasks:
  - key: account_lengths
    pipeline: account_length_days
    dependsOn:
      - AccountLengths
  - key: AccountLengths
    pipeline: CustomerAccounts
`;

describe('a Databricks run of a job whose keys clash in snake_case', () => {
  let fake: FakeJobsApi;
  let tmp: string;

  beforeEach(async () => {
    fake = await startFakeJobsApi();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'data-mesh-keys-'));
    fs.cpSync(HELLO_WORLD, tmp, { recursive: true });
    fs.writeFileSync(path.join(tmp, 'jobs/Job_Test.job.yaml'), CLASHING_JOB);
  });

  afterEach(async () => {
    await fake.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("deploys and follows the bundle's suffixed keys, recording the job file's", async () => {
    const executor = new DatabricksJobExecutor({
      client: new DatabricksJobsClient({
        host: fake.url,
        token: fake.token,
        retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1000 },
        sleep: async () => {},
      }),
      target: 'prod',
      pollIntervalMs: 1,
      variables: { warehouse_id: 'abc123' },
    });
    const backend = await startTestBackend({
      features: [
        dataMeshPlugin,
        createBackendModule({
          pluginId: 'data-mesh',
          moduleId: 'fake-databricks',
          register(reg) {
            reg.registerInit({
              deps: {
                engines: dataMeshEnginesExtensionPoint,
                logger: coreServices.logger,
              },
              async init({ engines }) {
                engines.addJobExecutor(executor);
              },
            });
          },
        }),
        // The project as its own catalog-info.yaml registers it.
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: {
                name: 'hello-world',
                annotations: {
                  [ANNOTATION_LOCATION]: `file:${tmp}/catalog-info.yaml`,
                  [ANNOTATION_PROJECT_REPO]: 'dir:.',
                },
              },
              spec: { type: 'data-project' },
            },
          ],
        }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({
          data: {
            dataMesh: {
              runner: { executor: 'databricks' },
            },
          },
        }),
      ],
    });
    try {
      const started = await request(backend.server)
        .post('/api/data-mesh/projects/hello-world/jobs/Job_Test/runs')
        .send({});
      expect(started.status).toBe(202);
      let run: any;
      const deadline = Date.now() + 30_000;
      do {
        await new Promise(resolve => setTimeout(resolve, 50));
        run = (
          await request(backend.server).get(
            `/api/data-mesh/runs/${started.body.id}`,
          )
        ).body;
      } while (
        ['queued', 'running'].includes(run.status) &&
        Date.now() < deadline
      );

      const [created] = fake.state.requests.filter(
        r => r.path === '/api/2.2/jobs/create',
      );
      expect(created.body.name).toBe('Job_Test');
      expect(created.body.tags.meshwork_deployment).toMatch(/\/job_test_2$/);
      expect(
        created.body.tasks.map((t: any) => [t.task_key, t.depends_on]),
      ).toEqual([
        ['account_lengths_2', undefined],
        ['account_lengths', [{ task_key: 'account_lengths_2' }]],
      ]);
      expect(run.status).toBe('succeeded');
      expect(
        run.tasks.map((t: any) => [t.taskKey, t.pipeline, t.status]).sort(),
      ).toEqual([
        ['AccountLengths', 'CustomerAccounts', 'succeeded'],
        ['account_lengths', 'account_length_days', 'succeeded'],
      ]);
    } finally {
      await backend.stop();
    }
  });
});
