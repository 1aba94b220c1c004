import authPlugin from '@backstage/plugin-auth-backend';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { authModuleDemoProvider, DEMO_USER_HEADER } from './demoAuthProvider';

function startAuthBackend(authConfig: object) {
  return startTestBackend({
    features: [
      authPlugin,
      authModuleDemoProvider,
      mockServices.rootConfig.factory({
        data: { app: { baseUrl: 'http://localhost:3000' }, auth: authConfig },
      }),
      catalogServiceMock.factory({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'User',
            metadata: { name: 'sam', namespace: 'default' },
            spec: { memberOf: ['sales-analytics'] },
            relations: [
              { type: 'memberOf', targetRef: 'group:default/sales-analytics' },
            ],
          },
        ],
      }),
    ],
  });
}

const developmentAuth = {
  environment: 'development',
  providers: {
    demo: { development: { users: [{ name: 'sam' }, { name: 'ghost' }] } },
  },
};

describe('demo auth provider', () => {
  it('signs a listed demo user in as their catalog user', async () => {
    const { server } = await startAuthBackend(developmentAuth);

    const res = await request(server)
      .get('/api/auth/demo/refresh')
      .set(DEMO_USER_HEADER, 'sam');

    expect(res.status).toBe(200);
    expect(res.body.backstageIdentity.identity).toEqual({
      type: 'user',
      userEntityRef: 'user:default/sam',
      ownershipEntityRefs: expect.arrayContaining([
        'user:default/sam',
        'group:default/sales-analytics',
      ]),
    });
  });

  it('rejects a user that is not in the demo list', async () => {
    const { server } = await startAuthBackend(developmentAuth);

    const res = await request(server)
      .get('/api/auth/demo/refresh')
      .set(DEMO_USER_HEADER, 'mallory');

    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/'mallory' is not a demo user/);
  });

  it('rejects a listed user who has no catalog entity', async () => {
    const { server } = await startAuthBackend(developmentAuth);

    const res = await request(server)
      .get('/api/auth/demo/refresh')
      .set(DEMO_USER_HEADER, 'ghost');

    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.body.backstageIdentity).toBeUndefined();
  });

  it('is not available in the production environment', async () => {
    const { server } = await startAuthBackend({
      ...developmentAuth,
      environment: 'production',
    });

    const res = await request(server)
      .get('/api/auth/demo/refresh')
      .set(DEMO_USER_HEADER, 'sam');

    expect(res.status).toBe(404);
  });
});
