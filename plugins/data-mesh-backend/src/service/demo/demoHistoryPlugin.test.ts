/** @jest-environment node */
import {
  coreServices,
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import path from 'node:path';
import request from 'supertest';
import { dataMeshPlugin } from '../../plugin';
import { capturedNotifications } from '../__testUtils__/helloWorldWorkspace';
import { dataProjectComponent } from '../__testUtils__/demoRoles';
import { DEMO_HISTORY_TASK_ID } from './DemoRunHistory';
import { DEMO_HISTORY_REQUESTER } from './demoRunPlan';

jest.setTimeout(120_000);

const HELLO_WORLD = path.resolve(
  __dirname,
  '../../../../../examples/hello-world',
);

/** The plugin with Hello World in its catalog, and its scheduler. */
async function start(dataMesh: Record<string, unknown>) {
  let scheduler: SchedulerService | undefined;
  const probe = createBackendModule({
    pluginId: 'data-mesh',
    moduleId: 'scheduler-probe',
    register(reg) {
      reg.registerInit({
        deps: { pluginScheduler: coreServices.scheduler },
        async init({ pluginScheduler }) {
          scheduler = pluginScheduler;
        },
      });
    },
  });
  const backend = await startTestBackend({
    features: [
      dataMeshPlugin,
      probe,
      capturedNotifications().factory,
      catalogServiceMock.factory({
        entities: [dataProjectComponent('hello-world', HELLO_WORLD)],
      }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.rootConfig.factory({
        data: { dataMesh: { runner: { enabled: false }, ...dataMesh } },
      }),
    ],
  });
  return { backend, scheduler: scheduler! };
}

describe('the demo run history in the plugin', () => {
  it('is written by its task when dataMesh.demo.runHistory.days is set', async () => {
    const { backend, scheduler } = await start({
      demo: { runHistory: { days: 3 } },
    });

    await scheduler.triggerTask(DEMO_HISTORY_TASK_ID);
    await scheduler.triggerTask(DEMO_HISTORY_TASK_ID);

    const res = await request(backend.server).get(
      '/api/data-mesh/runs?project=hello-world',
    );
    expect(res.status).toBe(200);
    // Three days of both jobs, once.
    expect(res.body.totalCount).toBe(6);
    for (const run of res.body.items) {
      expect(run).toMatchObject({
        trigger: 'schedule',
        requestedBy: DEMO_HISTORY_REQUESTER,
      });
    }
    await backend.stop();
  });

  it('is not scheduled without the key, nor with 0 days', async () => {
    for (const dataMesh of [{}, { demo: { runHistory: { days: 0 } } }]) {
      const { backend, scheduler } = await start(dataMesh);
      const tasks = (await scheduler.getScheduledTasks()).map(t => t.id);
      expect(tasks).not.toContain(DEMO_HISTORY_TASK_ID);
      const res = await request(backend.server).get('/api/data-mesh/runs');
      expect(res.body.totalCount).toBe(0);
      await backend.stop();
    }
  });
});
