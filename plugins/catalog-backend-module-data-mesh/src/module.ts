import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { DataProductEntityProcessor } from './processor/DataProductEntityProcessor';
import { DataProductEntityProvider } from './provider/DataProductEntityProvider';

/**
 * Teaches the catalog the DataProduct kind, and publishes one DataProduct
 * per dataset of every data project registered in the catalog.
 * @public
 */
export const catalogModuleDataMesh = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'data-mesh',
  register({ registerInit }) {
    registerInit({
      deps: {
        catalogProcessing: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        urlReader: coreServices.urlReader,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
      },
      async init({ catalogProcessing, ...services }) {
        catalogProcessing.addProcessor(new DataProductEntityProcessor());
        catalogProcessing.addEntityProvider(
          DataProductEntityProvider.fromConfig(services.config, services),
        );
      },
    });
  },
});
