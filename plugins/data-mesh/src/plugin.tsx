import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
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
 * The Meshwork data-mesh frontend plugin.
 * @public
 */
export const dataMeshPlugin = createFrontendPlugin({
  pluginId: 'data-mesh',
  info: { packageJson: () => import('../package.json') },
  extensions: [dataMeshApi, dataMeshPage],
  routes: {
    root: rootRouteRef,
  },
});
