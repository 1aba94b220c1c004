import {
  BackendFeature,
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ANNOTATION_LOCATION, Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionBackend from '@backstage/plugin-permission-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import duckdbModule from '@meshwork/data-mesh-backend-module-duckdb';
import { ANNOTATION_PROJECT_REPO } from '@meshwork/data-mesh-common';
import { decideDataMeshPermission } from '@meshwork/data-mesh-node';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import path from 'node:path';
import { dataMeshPlugin } from '../../plugin';
import { capturedNotifications } from './helloWorldWorkspace';

/** The demo portal's people, by the role each plays for Hello World. */
export const ROLES = {
  /** finance-insights: consumes sales data, owns nothing of it. */
  consumer: 'user:default/fiona',
  /** sales-analytics: owns Hello World. */
  owner: 'user:default/sam',
  /** platform-team: sets the standards, may run and edit everything. */
  platform: 'user:default/priya',
} as const;

export const PLATFORM_TEAM = 'group:default/platform-team';

/**
 * Test-only, not in the demo org: a member of a second producing team
 * (marketing-analytics), which owns data products of its own but none of
 * Hello World's.
 */
export const OTHER_PRODUCER = 'user:default/mona';
export const OTHER_PRODUCING_TEAM = 'group:default/marketing-analytics';

const GROUPS: Record<string, string[]> = {
  [ROLES.consumer]: ['group:default/finance-insights'],
  [ROLES.owner]: ['group:default/sales-analytics'],
  /** sofia: sam's teammate in sales-analytics. */
  'user:default/sofia': ['group:default/sales-analytics'],
  [ROLES.platform]: [PLATFORM_TEAM],
  [OTHER_PRODUCER]: [OTHER_PRODUCING_TEAM],
};

/** A userInfo service giving each user the groups listed for them. */
export function userInfoWithGroups(groups: Record<string, readonly string[]>) {
  return createServiceFactory({
    service: coreServices.userInfo,
    deps: {},
    factory: () => ({
      async getUserInfo(credentials) {
        const ref = (credentials.principal as { userEntityRef: string })
          .userEntityRef;
        return {
          userEntityRef: ref,
          ownershipEntityRefs: [ref, ...(groups[ref] ?? [])],
        };
      },
    }),
  });
}

/** Each demo user's ownership claims: themselves and their team. */
export const demoUserInfo = userInfoWithGroups(GROUPS);

/**
 * The permission backend's policy as the demo portal installs it
 * (`packages/backend/src/modules/demoPermissionPolicy.ts`): the plugin's
 * recommended decisions for data projects, everything else allowed.
 */
export const demoPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'demo-policy-test',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy({
          async handle(request, user) {
            return (
              decideDataMeshPermission(request, user, {
                platformTeam: PLATFORM_TEAM,
              }) ?? { result: AuthorizeResult.ALLOW }
            );
          },
        });
      },
    });
  },
});

/**
 * The mock auth service, except that the permission backend's requests on
 * a user's behalf carry a service identity, as real tokens carry the
 * permission backend as their actor: the plugins' `apply-conditions`
 * endpoints refuse plain user tokens, and mock tokens have no actor.
 */
export const permissionActorAuth = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const auth = mockServices.auth({ pluginId: plugin.getId() });
    return {
      authenticate: auth.authenticate.bind(auth),
      isPrincipal: auth.isPrincipal.bind(auth) as typeof auth.isPrincipal,
      getNoneCredentials: auth.getNoneCredentials.bind(auth),
      getOwnServiceCredentials: auth.getOwnServiceCredentials.bind(auth),
      getLimitedUserToken: auth.getLimitedUserToken.bind(auth),
      listPublicServiceKeys: auth.listPublicServiceKeys.bind(auth),
      async getPluginRequestToken(options) {
        if (
          plugin.getId() === 'permission' &&
          auth.isPrincipal(options.onBehalfOf, 'user')
        ) {
          return auth.getPluginRequestToken({
            ...options,
            onBehalfOf: await auth.getOwnServiceCredentials(),
          });
        }
        return auth.getPluginRequestToken(options);
      },
    };
  },
});

/**
 * The catalog Component of a data project in a local folder, as the
 * project's own `catalog-info.yaml` registers it: `dir:.` next to that file.
 */
export function dataProjectComponent(name: string, folder: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        [ANNOTATION_LOCATION]: `file:${path.join(folder, 'catalog-info.yaml')}`,
        [ANNOTATION_PROJECT_REPO]: 'dir:.',
      },
    },
    spec: {
      type: 'data-project',
      lifecycle: 'experimental',
      owner: 'group:default/sales-analytics',
    },
  };
}

/**
 * The data-mesh backend as the demo portal runs it: the permission backend
 * with the demo policy, the demo users' ownership claims, requests without
 * a token anonymous, a catalog holding `catalog` (the data projects, see
 * {@link dataProjectComponent}) and `dataMesh` config as given. Without an
 * `engine` feature, the DuckDB module on `dataMesh.engines.duckdb.path`.
 */
export function startDemoBackend(options: {
  dataMesh: JsonObject;
  catalog: Entity[];
  engine?: BackendFeature;
  knex?: Knex;
  extraFeatures?: BackendFeature[];
  /** More root config, e.g. `integrations`. */
  config?: JsonObject;
}) {
  return startTestBackend({
    features: [
      dataMeshPlugin,
      catalogServiceMock.factory({ entities: options.catalog }),
      ...(options.extraFeatures ?? []),
      options.engine ?? duckdbModule,
      capturedNotifications().factory,
      permissionBackend,
      demoPolicyModule,
      demoUserInfo,
      permissionActorAuth,
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      ...(options.knex
        ? [mockServices.database.factory({ knex: options.knex })]
        : []),
      mockServices.rootConfig.factory({
        data: {
          ...options.config,
          permission: { enabled: true },
          dataMesh: options.dataMesh,
        },
      }),
    ],
  });
}

/** The Authorization header of a demo user, or of nobody. */
export function authorizationOf(user: string | null): string {
  return user === null
    ? mockCredentials.none.header()
    : mockCredentials.user.header(user);
}
