import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { DuckDBInstance } from '@duckdb/node-api';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- a module is tested inside the plugin it extends
import dataMeshPlugin from '@meshwork/data-mesh-backend';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { dataMeshModuleDuckdb } from './module';

describe('dataMeshModuleDuckdb', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwork-duckdb-module-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('adds the configured warehouse to the health report', async () => {
    const file = path.join(dir, 'warehouse.duckdb');
    const instance = await DuckDBInstance.create(file);
    const connection = await instance.connect();
    await connection.run('CREATE TABLE customers (id INTEGER)');
    connection.closeSync();
    instance.closeSync();

    const backend = await startTestBackend({
      features: [
        dataMeshPlugin,
        dataMeshModuleDuckdb,
        mockServices.rootConfig.factory({
          data: { dataMesh: { engines: { duckdb: { path: file } } } },
        }),
      ],
    });
    try {
      const res = await request(backend.server).get('/api/data-mesh/health');
      expect(res.status).toBe(200);
      expect(res.body.engines).toEqual([
        {
          id: 'duckdb',
          dialect: 'duckdb',
          state: 'ready',
          message: file,
          tableCount: 1,
        },
      ]);
    } finally {
      await backend.stop();
    }
  });

  it('fails the backend start with the config key when the path is wrong', async () => {
    const file = path.join(dir, 'nope', 'warehouse.duckdb');

    await expect(
      startTestBackend({
        features: [
          dataMeshPlugin,
          dataMeshModuleDuckdb,
          mockServices.rootConfig.factory({
            data: { dataMesh: { engines: { duckdb: { path: file } } } },
          }),
        ],
      }),
    ).rejects.toThrow(/dataMesh\.engines\.duckdb\.path: no DuckDB warehouse/);
  });
});

describe('dataMeshModuleDuckdb without config', () => {
  it('fails the backend start naming the missing key', async () => {
    await expect(
      startTestBackend({
        features: [
          dataMeshPlugin,
          dataMeshModuleDuckdb,
          mockServices.rootConfig.factory({ data: {} }),
        ],
      }),
    ).rejects.toThrow(/dataMesh\.engines\.duckdb\.path is required/);
  });
});
