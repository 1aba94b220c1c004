import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { readDataProductCollatorSchedule } from './collator/config';
import { DataProductCollatorFactory } from './collator/DataProductCollatorFactory';
import { DataMeshApiFactsReader } from './facts/DataMeshApiFactsReader';

/**
 * Search module that indexes the catalog's DataProducts (document type
 * `data-product`) with their columns, freshness, quality and rank.
 * @public
 */
export const searchModuleDataProductCollator = createBackendModule({
  pluginId: 'search',
  moduleId: 'data-product-collator',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init({
        auth,
        config,
        discovery,
        logger,
        scheduler,
        catalog,
        indexRegistry,
      }) {
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(
            readDataProductCollatorSchedule(config),
          ),
          factory: DataProductCollatorFactory.fromConfig(config, {
            auth,
            catalog,
            logger,
            facts: new DataMeshApiFactsReader({ auth, discovery, logger }),
          }),
        });
      },
    });
  },
});
