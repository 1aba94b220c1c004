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
import { SearchResultListItemBlueprint } from '@backstage/plugin-search-react/alpha';
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
 * The "Lineage" tab of a DataProduct: upstream and downstream datasets and
 * pipelines across projects, column lineage and impact. @public
 */
export const dataProductLineageContent = EntityContentBlueprint.make({
  name: 'data-product-lineage',
  params: {
    path: 'lineage',
    title: 'Lineage',
    filter: dataProductFilter,
    loader: () =>
      import('./components/DataProductLineageContent').then(m => (
        <m.DataProductLineageContent />
      )),
  },
});

/** The "Quality" tab of a DataProduct: each rule's results over time. @public */
export const dataProductQualityContent = EntityContentBlueprint.make({
  name: 'data-product-quality',
  params: {
    path: 'quality',
    title: 'Quality',
    filter: dataProductFilter,
    loader: () =>
      import('./components/DataProductQualityContent').then(m => (
        <m.DataProductQualityContent />
      )),
  },
});

/** The "Freshness" tab of a DataProduct: its writes against the SLA. @public */
export const dataProductFreshnessContent = EntityContentBlueprint.make({
  name: 'data-product-freshness',
  params: {
    path: 'freshness',
    title: 'Freshness',
    filter: dataProductFilter,
    loader: () =>
      import('./components/DataProductFreshnessContent').then(m => (
        <m.DataProductFreshnessContent />
      )),
  },
});

/** The "Cost" tab of a DataProduct: DBUs per run and month, and budget. @public */
export const dataProductCostContent = EntityContentBlueprint.make({
  name: 'data-product-cost',
  params: {
    path: 'cost',
    title: 'Cost',
    filter: dataProductFilter,
    loader: () =>
      import('./components/DataProductCostContent').then(m => (
        <m.DataProductCostContent />
      )),
  },
});

/** Which entities the data-project views belong on: data projects' Components. */
const dataProjectFilter = { kind: 'component', 'spec.type': 'data-project' };

/** The "Pipelines" tab of a data project: its pipelines and last runs. @public */
export const dataProjectPipelinesContent = EntityContentBlueprint.make({
  name: 'data-project-pipelines',
  params: {
    path: 'pipelines',
    title: 'Pipelines',
    filter: dataProjectFilter,
    loader: () =>
      import('./components/DataProjectPipelinesContent').then(m => (
        <m.DataProjectPipelinesContent />
      )),
  },
});

/** The "Runs" tab of a data project: job runs, task runs, "Run now". @public */
export const dataProjectRunsContent = EntityContentBlueprint.make({
  name: 'data-project-runs',
  params: {
    path: 'runs',
    title: 'Runs',
    filter: dataProjectFilter,
    loader: () =>
      import('./components/DataProjectRunsContent').then(m => (
        <m.DataProjectRunsContent />
      )),
  },
});

/** Quality, freshness and cost of a data project, on its overview. @public */
export const dataProjectHealthCard = EntityCardBlueprint.make({
  name: 'data-project-health',
  params: {
    type: 'content',
    filter: dataProjectFilter,
    loader: () =>
      import('./components/DataProjectHealthCard').then(m => (
        <m.DataProjectHealthCard />
      )),
  },
});

/** A team's data products with their health and cost, on Group pages. @public */
export const teamDataProductsCard = EntityCardBlueprint.make({
  name: 'team-data-products',
  params: {
    type: 'content',
    filter: { kind: 'group' },
    loader: () =>
      import('./components/TeamDataProductsCard').then(m => (
        <m.TeamDataProductsCard />
      )),
  },
});

/** DataProducts in the search results, with layer, owner, freshness and quality. @public */
export const dataProductSearchResultListItem =
  SearchResultListItemBlueprint.make({
    name: 'data-product',
    params: {
      predicate: result => result.type === 'data-product',
      icon: <StorageIcon />,
      component: () =>
        import('./components/DataProductSearchResultListItem').then(
          m => props => <m.DataProductSearchResultListItem {...props} />,
        ),
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
    dataProductLineageContent,
    dataProductQualityContent,
    dataProductFreshnessContent,
    dataProductCostContent,
    dataProjectPipelinesContent,
    dataProjectRunsContent,
    dataProjectHealthCard,
    teamDataProductsCard,
    dataProductSearchResultListItem,
  ],
  routes: {
    root: rootRouteRef,
  },
});
