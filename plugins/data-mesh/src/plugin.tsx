import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import StorageIcon from '@material-ui/icons/Storage';
import { DataMeshClient, dataMeshApiRef } from './api';
import { rootRouteRef } from './routes';

/** @public */
export const dataMeshApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: dataMeshApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DataMeshClient({ discoveryApi, fetchApi }),
    }),
});

/** The "Data Mesh" page, also the plugin's sidebar entry. @public */
export const dataMeshPage = PageBlueprint.make({
  params: {
    path: '/data-mesh',
    title: 'Data Mesh',
    icon: <StorageIcon />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/DataMeshPage').then(m => <m.DataMeshPage />),
  },
});

/**
 * Which entities the DataProduct views belong on. A predicate rather than a
 * function, so that an app can still override it in `app-config.yaml`.
 */
const dataProductFilter = { kind: 'DataProduct' };

/** Owner, layer, PII, freshness SLA and ports of a DataProduct. @public */
export const dataProductOverviewCard = EntityCardBlueprint.make({
  name: 'data-product-overview',
  params: {
    type: 'content',
    filter: dataProductFilter,
    loader: () =>
      import('./components/DataProductOverviewCard').then(m => (
        <m.DataProductOverviewCard />
      )),
  },
});

/** Declared quality rules and SLA, and where measurements will go. @public */
export const dataProductHealthCard = EntityCardBlueprint.make({
  name: 'data-product-health',
  params: {
    type: 'content',
    filter: dataProductFilter,
    loader: () =>
      import('./components/DataProductHealthCard').then(m => (
        <m.DataProductHealthCard />
      )),
  },
});

/** The place of "Request access" on a DataProduct's overview. @public */
export const dataProductAccessCard = EntityCardBlueprint.make({
  name: 'data-product-access',
  params: {
    type: 'info',
    filter: dataProductFilter,
    loader: () =>
      import('./components/DataProductAccessCard').then(m => (
        <m.DataProductAccessCard />
      )),
  },
});

/** The "Schema" tab of a DataProduct: its contract's columns. @public */
export const dataProductSchemaContent = EntityContentBlueprint.make({
  name: 'data-product-schema',
  params: {
    path: 'schema',
    title: 'Schema',
    filter: dataProductFilter,
    loader: () =>
      import('./components/DataProductSchemaContent').then(m => (
        <m.DataProductSchemaContent />
      )),
  },
});

/**
 * The Meshwork data-mesh frontend plugin.
 * @public
 */
export const dataMeshPlugin = createFrontendPlugin({
  pluginId: 'data-mesh',
  info: { packageJson: () => import('../package.json') },
  extensions: [
    dataMeshApi,
    dataMeshPage,
    dataProductOverviewCard,
    dataProductHealthCard,
    dataProductAccessCard,
    dataProductSchemaContent,
  ],
  routes: {
    root: rootRouteRef,
  },
});
