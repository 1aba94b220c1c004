import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- a module is tested inside the plugin it extends
import dataMeshPlugin from '@meshwork/data-mesh-backend';
import path from 'node:path';
import request from 'supertest';
import { createTestWarehouse, useTempDir } from './__testUtils__/testWarehouse';
import { dataMeshModuleDuckdb } from './module';

describe('dataMeshModuleDuckdb', () => {
  const tempDir = useTempDir('meshwork-duckdb-module-');

  it('adds the configured warehouse to the health report', async () => {
    const file = path.join(tempDir(), 'warehouse.duckdb');
    await createTestWarehouse(file, ['CREATE TABLE customers (id INTEGER)']);

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
    const file = path.join(tempDir(), 'nope', 'warehouse.duckdb');

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

describe('dataMeshModuleDuckdb limits', () => {
  const tempDir = useTempDir('meshwork-duckdb-module-limits-');

  it.each([
    [
      { memoryLimit: 'lots' },
      /WarehouseConfigError: dataMesh\.engines\.duckdb\.memoryLimit: "lots" is not a size/,
    ],
    [
      { threads: 'many' },
      /WarehouseConfigError: dataMesh\.engines\.duckdb\.threads: "many" is not a number of threads/,
    ],
    [
      { maxTempDirectorySize: 0 },
      /WarehouseConfigError: dataMesh\.engines\.duckdb\.maxTempDirectorySize: 0 is not a size/,
    ],
  ])('fails the backend start on %j naming the key', async (limits, error) => {
    const file = path.join(tempDir(), 'warehouse.duckdb');
    await createTestWarehouse(file, []);

    await expect(
      startTestBackend({
        features: [
          dataMeshPlugin,
          dataMeshModuleDuckdb,
          mockServices.rootConfig.factory({
            data: {
              dataMesh: { engines: { duckdb: { path: file, ...limits } } },
            },
          }),
        ],
      }),
    ).rejects.toThrow(error);
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
