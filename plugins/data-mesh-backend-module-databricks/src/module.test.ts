/** @jest-environment node */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- a module is tested inside the plugin it extends
import dataMeshPlugin from '@meshwork/data-mesh-backend';
import request from 'supertest';
import { dataMeshModuleDatabricks, readDatabricksConfig } from './module';
import { startHiveServer } from './__testUtils__/hiveServer';

const TOKEN = 'dapi-module-test-secret';

describe('dataMeshModuleDatabricks', () => {
  it('adds the configured warehouse to the health report', async () => {
    const server = await startHiveServer({ token: TOKEN });
    const backend = await startTestBackend({
      features: [
        dataMeshPlugin,
        dataMeshModuleDatabricks,
        mockServices.rootConfig.factory({
          data: {
            dataMesh: {
              engines: {
                databricks: {
                  host: `https://${server.host}/`,
                  port: server.port,
                  httpPath: server.path,
                  token: TOKEN,
                },
              },
            },
          },
        }),
      ],
    });
    try {
      const res = await request(backend.server).get('/api/data-mesh/health');
      expect(res.status).toBe(200);
      expect(res.body.engines).toContainEqual({
        id: 'databricks',
        dialect: 'spark',
        state: 'ready',
        message: `localhost:${server.port}${server.path}`,
        tableCount: 0,
      });
      expect(JSON.stringify(res.body)).not.toContain(TOKEN);
    } finally {
      await backend.stop();
      await server.close();
    }
  });

  it('does nothing when no warehouse is configured', async () => {
    const logger = mockServices.logger.mock();
    const backend = await startTestBackend({
      features: [
        dataMeshPlugin,
        dataMeshModuleDatabricks,
        mockServices.rootConfig.factory({ data: {} }),
        logger.factory,
      ],
    });
    try {
      const res = await request(backend.server).get('/api/data-mesh/health');
      expect(res.status).toBe(200);
      expect(res.body.engines ?? []).not.toContainEqual(
        expect.objectContaining({ id: 'databricks' }),
      );
      expect(logger.info).toHaveBeenCalledWith(
        expect.stringContaining(
          'dataMesh.engines.databricks is not configured',
        ),
      );
    } finally {
      await backend.stop();
    }
  });

  it('fails the backend start naming a missing key', async () => {
    await expect(
      startTestBackend({
        features: [
          dataMeshPlugin,
          dataMeshModuleDatabricks,
          mockServices.rootConfig.factory({
            data: {
              dataMesh: {
                engines: {
                  databricks: {
                    host: 'adb-1.azuredatabricks.net',
                    token: TOKEN,
                  },
                },
              },
            },
          }),
        ],
      }),
    ).rejects.toThrow(/dataMesh\.engines\.databricks\.httpPath is required/);
  });
});

describe('readDatabricksConfig', () => {
  const read = (data: object) => () =>
    readDatabricksConfig(new ConfigReader(data));

  it('reads the options, trimming the host to a name', () => {
    expect(
      readDatabricksConfig(
        new ConfigReader({
          host: 'https://adb-1.azuredatabricks.net/',
          httpPath: '/sql/1.0/warehouses/abc',
          token: TOKEN,
          catalog: 'main',
          schema: 'gold',
          maxRows: 500,
        }),
      ),
    ).toEqual({
      host: 'adb-1.azuredatabricks.net',
      httpPath: '/sql/1.0/warehouses/abc',
      token: TOKEN,
      catalog: 'main',
      schema: 'gold',
      maxRows: 500,
    });
  });

  it('names the key that is wrong, never quoting the token', () => {
    const base = { host: 'h', httpPath: '/p', token: TOKEN };
    expect(read({ ...base, token: ' ' })).toThrow(
      'dataMesh.engines.databricks.token is required',
    );
    expect(read({ ...base, httpPath: 'sql/1.0' })).toThrow(
      /dataMesh\.engines\.databricks\.httpPath must start with '\/'/,
    );
    expect(read({ ...base, maxRows: 0 })).toThrow(
      'dataMesh.engines.databricks.maxRows must be a positive integer, got 0',
    );
    expect(read({ ...base, token: 42 })).toThrow(
      'dataMesh.engines.databricks.token has the wrong type',
    );
    expect(read({ ...base, host: 'bad host/x' })).toThrow(
      /dataMesh\.engines\.databricks\.host must be a host name/,
    );
  });
});
