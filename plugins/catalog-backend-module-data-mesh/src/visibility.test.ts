import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { decideDataMeshPermission } from '@meshwork/data-mesh-node';
import path from 'node:path';
import request from 'supertest';
import { catalogModuleDataMesh } from './module';

jest.setTimeout(120_000);

const fixture = path.resolve(__dirname, '__fixtures__/visibility.yaml');

/** Who each test user is, as the permission framework would tell. */
const CLAIMS: Record<string, string[]> = {
  'user:default/sofia': ['user:default/sofia', 'group:default/sales-analytics'],
  'user:default/fiona': [
    'user:default/fiona',
    'group:default/finance-insights',
  ],
  'user:default/priya': ['user:default/priya', 'group:default/platform-team'],
};

/**
 * The permissions service of a backend whose policy is Meshwork's
 * recommended one, evaluated in process so that the catalog applies its
 * conditions with its real rules.
 */
const permissions = mockServices.permissions.mock({
  authorize: async queries =>
    queries.map(() => ({ result: AuthorizeResult.ALLOW })),
  authorizeConditional: async (queries, options) =>
    queries.map(query => {
      const credentials = options.credentials as BackstageCredentials<{
        type: string;
        userEntityRef?: string;
      }>;
      const userEntityRef = credentials.principal.userEntityRef;
      const user = userEntityRef
        ? ({
            info: {
              userEntityRef,
              ownershipEntityRefs: CLAIMS[userEntityRef] ?? [userEntityRef],
            },
          } as any)
        : undefined;
      return (
        (decideDataMeshPermission(query, user, {
          platformTeam: 'group:default/platform-team',
        }) as any) ?? { result: AuthorizeResult.ALLOW }
      );
    }) as any,
});

describe('internal DataProducts in the catalog', () => {
  it('are listed and read by their owners and the platform team only', async () => {
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleDataMesh,
        permissions.factory,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            catalog: {
              processingInterval: { milliseconds: 200 },
              rules: [{ allow: ['Group', 'DataProduct'] }],
              locations: [{ type: 'file', target: fixture }],
            },
          },
        }),
      ],
    });

    const namesFor = async (user: string) => {
      const res = await request(server)
        .get('/api/catalog/entities/by-query')
        .query({ filter: 'kind=DataProduct' })
        .set('Authorization', mockCredentials.user.header(user));
      return (res.body.items as Array<{ metadata: { name: string } }>)
        .map(e => e.metadata.name)
        .sort();
    };
    // Wait for both products to be processed and owned.
    for (let i = 0; ; i++) {
      if ((await namesFor('user:default/sofia')).length === 2) break;
      if (i > 200) throw new Error('the products never appeared');
      await new Promise(resolve => setTimeout(resolve, 250));
    }

    expect(await namesFor('user:default/sofia')).toEqual([
      'bronze-orders',
      'total-sales',
    ]);
    expect(await namesFor('user:default/priya')).toEqual([
      'bronze-orders',
      'total-sales',
    ]);
    expect(await namesFor('user:default/fiona')).toEqual(['total-sales']);

    const read = (user: string) =>
      request(server)
        .get('/api/catalog/entities/by-name/dataproduct/default/bronze-orders')
        .set('Authorization', mockCredentials.user.header(user));
    expect((await read('user:default/fiona')).status).toBe(404);
    expect((await read('user:default/sofia')).status).toBe(200);
  });
});
