import { startTestBackend } from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  dataMeshEnginesExtensionPoint,
  WarehouseEngine,
} from '@meshwork/data-mesh-node';
import request from 'supertest';
import { dataMeshPlugin } from './plugin';
import { version } from '../package.json';

type EngineStatusOnly = Pick<WarehouseEngine, 'id' | 'dialect' | 'status'>;

/** An engine that only reports its status; these tests never query it. */
function statusOnly(engine: EngineStatusOnly): WarehouseEngine {
  const unused = async () => {
    throw new Error('not used by the health tests');
  };
  return {
    ...engine,
    run: unused,
    execute: unused,
    writeTarget: unused,
    describeTable: unused,
    tableFreshness: unused,
  };
}

function engineModule(engine: EngineStatusOnly, moduleId = engine.id) {
  return createBackendModule({
    pluginId: 'data-mesh',
    moduleId,
    register(reg) {
      reg.registerInit({
        deps: { engines: dataMeshEnginesExtensionPoint },
        async init({ engines }) {
          engines.addEngine(statusOnly(engine));
        },
      });
    },
  });
}

const readyEngine: EngineStatusOnly = {
  id: 'fake',
  dialect: 'spark',
  status: async () => ({ state: 'ready', tableCount: 3 }),
};

describe('data-mesh backend plugin', () => {
  it('reports its version and no engines when none is installed', async () => {
    const { server } = await startTestBackend({ features: [dataMeshPlugin] });

    const res = await request(server).get('/api/data-mesh/health');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', version, engines: [] });
  });

  it('reports the status of every registered engine', async () => {
    const { server } = await startTestBackend({
      features: [
        dataMeshPlugin,
        engineModule(readyEngine),
        engineModule({
          id: 'broken',
          dialect: 'duckdb',
          status: async () => ({ state: 'unavailable', message: 'gone' }),
        }),
      ],
    });

    const res = await request(server).get('/api/data-mesh/health');

    expect(res.status).toBe(200);
    expect(res.body.engines).toEqual([
      { id: 'fake', dialect: 'spark', state: 'ready', tableCount: 3 },
      {
        id: 'broken',
        dialect: 'duckdb',
        state: 'unavailable',
        message: 'gone',
      },
    ]);
  });

  it('answers the health check without credentials', async () => {
    const { server } = await startTestBackend({ features: [dataMeshPlugin] });

    const res = await request(server)
      .get('/api/data-mesh/health')
      .set('Authorization', 'Bearer mock-none-token');

    expect(res.status).toBe(200);
  });

  it('refuses to start with two engines of the same id', async () => {
    await expect(
      startTestBackend({
        features: [
          dataMeshPlugin,
          engineModule(readyEngine, 'first'),
          engineModule(readyEngine, 'second'),
        ],
      }),
    ).rejects.toThrow(/already registered/);
  });
});
