import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';

/** The request header that names the demo user to sign in as. */
export const DEMO_USER_HEADER = 'x-meshwork-demo-user';

function createDemoAuthenticator(userNames: Set<string>) {
  return createProxyAuthenticator({
    defaultProfileTransform: async (result: { userName: string }) => ({
      profile: { displayName: result.userName },
    }),
    initialize: () => undefined,
    async authenticate({ req }) {
      const userName = req.header(DEMO_USER_HEADER);
      if (!userName) {
        throw new InputError(`Missing the ${DEMO_USER_HEADER} header`);
      }
      if (!userNames.has(userName)) {
        throw new InputError(`'${userName}' is not a demo user`);
      }
      return { result: { userName } };
    },
  });
}

/**
 * Signs a person in as one of the demo users listed in
 * `auth.providers.demo.<auth.environment>.users`, as that user's catalog
 * entity. It exists so the producer, consumer and platform flows can be shown
 * and tested on one laptop. Only `development` is configured in
 * app-config.yaml; the production config sets `auth.environment: production`,
 * so there the provider is not installed at all.
 */
export const authModuleDemoProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'demo-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ providers, config, logger }) {
        const environment =
          config.getOptionalString('auth.environment') ?? 'development';
        const users = config.getOptionalConfigArray(
          `auth.providers.demo.${environment}.users`,
        );
        if (!users) {
          logger.info(
            `Demo sign-in is off: no auth.providers.demo.${environment}.users`,
          );
          return;
        }
        const userNames = new Set(users.map(user => user.getString('name')));
        providers.registerProvider({
          providerId: 'demo',
          factory: createProxyAuthProviderFactory({
            authenticator: createDemoAuthenticator(userNames),
            signInResolver: async ({ result }, ctx) =>
              ctx.signInWithCatalogUser({
                entityRef: stringifyEntityRef({
                  kind: 'User',
                  namespace: 'default',
                  name: result.userName,
                }),
              }),
          }),
        });
      },
    });
  },
});
