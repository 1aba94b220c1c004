/*
 * The Meshwork demo portal's backend: Backstage core plugins plus the
 * data-mesh plugin and its modules.
 */
import { createBackend } from '@backstage/backend-defaults';
import { searchModuleRankedLunrEngine } from '@meshwork/search-backend-module-data-mesh';
import { authModuleDemoProvider } from './modules/demoAuthProvider';
import { permissionModuleDemoPolicy } from './modules/demoPermissionPolicy';
import { reportStartupFailure } from './reportStartupFailure';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(authModuleDemoProvider);

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@meshwork/catalog-backend-module-data-mesh'));

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
backend.add(import('@meshwork/scaffolder-backend-module-data-mesh'));

backend.add(import('@backstage/plugin-techdocs-backend'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(permissionModuleDemoPolicy);

backend.add(import('@backstage/plugin-search-backend'));
backend.add(searchModuleRankedLunrEngine);
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));
backend.add(import('@meshwork/search-backend-module-data-mesh'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.add(import('@meshwork/data-mesh-backend'));
backend.add(import('@meshwork/data-mesh-backend-module-duckdb'));
backend.add(import('@meshwork/data-mesh-backend-module-databricks'));

backend.start().catch(reportStartupFailure);
