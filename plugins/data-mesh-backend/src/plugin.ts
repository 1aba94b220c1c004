import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { dataMeshEnginesExtensionPoint } from '@meshwork/data-mesh-node';
import { DATA_MESH_PLUGIN_ID } from '@meshwork/data-mesh-common';
import { EngineRegistry } from './service/EngineRegistry';
import { createRouter } from './service/router';
import { version } from '../package.json';

/**
 * The Meshwork data-mesh backend plugin.
 *
 * @public
 */
export const dataMeshPlugin = createBackendPlugin({
  pluginId: DATA_MESH_PLUGIN_ID,
  register(env) {
    const engines = new EngineRegistry();
    env.registerExtensionPoint(dataMeshEnginesExtensionPoint, {
      addEngine: engine => engines.add(engine),
    });

    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
      },
      async init({ httpRouter }) {
        httpRouter.use(await createRouter({ engines, version }));
        // Readiness probes and the portal's status card read it before sign-in.
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
