import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { initSqlParser } from '@meshwork/data-mesh-common';
import { StandardsLibraries } from '@meshwork/data-mesh-node';
import * as polyglotSql from '@polyglot-sql/sdk';
import { createCompileAction } from './actions/compile';
import { createDatasetAddAction } from './actions/datasetAdd';
import { createProjectInitAction } from './actions/projectInit';
import { createPublishLocalAction } from './actions/publishLocal';

/**
 * Adds Meshwork's scaffolder actions: `data-mesh:project:init`,
 * `data-mesh:compile`, `data-mesh:dataset:add` and
 * `data-mesh:publish:local`.
 *
 * @public
 */
export const scaffolderModuleDataMesh = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'data-mesh',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolderActions: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        catalog: catalogServiceRef,
        permissions: coreServices.permissions,
        events: eventsServiceRef,
      },
      async init({
        scaffolderActions,
        config,
        logger,
        catalog,
        permissions,
        events,
      }) {
        // Compiling checks SQL gems with a parser that loads asynchronously.
        await initSqlParser(async () => polyglotSql);
        const integrations = ScmIntegrations.fromConfig(config);
        // dataMesh.standards.root, as the data-mesh backend reads it.
        const standards = StandardsLibraries.fromConfig(config, logger);
        scaffolderActions.addActions(
          createProjectInitAction({
            catalog,
            standards,
            platformTeam: config.getOptionalString(
              'dataMesh.permissions.platformTeam',
            ),
          }),
          createCompileAction({ standards }),
          createDatasetAddAction({
            catalog,
            permissions,
            integrations,
            events,
            standards,
          }),
          createPublishLocalAction({ config, catalog }),
        );
      },
    });
  },
});
