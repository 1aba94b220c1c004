import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  CatalogFilterBlueprint,
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { SearchResultListItemBlueprint } from '@backstage/plugin-search-react/alpha';
import StorageIcon from '@material-ui/icons/Storage';
import VpnKeyIcon from '@material-ui/icons/VpnKey';
import { DataMeshClient, dataMeshApiRef } from './api';
import {
  myAccessRouteRef,
  pipelineEditorRouteRef,
  rootRouteRef,
} from './routes';

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

/** "My access": the user's teams' subscriptions, and requests to decide. @public */
export const myAccessPage = PageBlueprint.make({
  name: 'my-access',
  params: {
    path: '/data-mesh/access',
    title: 'My access',
    icon: <VpnKeyIcon />,
    routeRef: myAccessRouteRef,
    loader: () =>
      import('./components/MyAccessPage').then(m => <m.MyAccessPage />),
  },
});

/** The pipeline editor, opened from a data project's Pipelines tab. @public */
export const pipelineEditorPage = PageBlueprint.make({
  name: 'pipeline-editor',
  params: {
    path: '/data-mesh/pipelines/:project/:pipeline',
    routeRef: pipelineEditorRouteRef,
    loader: () =>
      import('./components/PipelineEditor').then(m => <m.PipelineEditorPage />),
  },
});

/** How many access requests wait for the user's decision, on the home page. @public */
export const accessRequestsHomeWidget = HomePageWidgetBlueprint.make({
  name: 'access-requests',
  params: {
    name: 'DataMeshAccessRequests',
    title: 'Access requests',
    description: 'Requests for access to your data products that wait for you',
    components: () =>
      import('./components/DataMeshPage').then(m => ({
        Content: () => <m.AccessRequestsBadge showNone />,
      })),
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

/**
 * The Requests panel of a DataProduct's approvers: approve, deny, revoke.
 * Renders nothing for anyone else. @public
 */
export const dataProductRequestsCard = EntityCardBlueprint.make({
  name: 'data-product-requests',
  params: {
    type: 'content',
    filter: dataProductFilter,
    loader: () =>
      import('./components/DataProductRequestsCard').then(m => (
        <m.DataProductRequestsCard />
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

/**
 * The "Consumers" tab of a DataProduct: the teams with access, and for its
 * approvers every request with its outcome. @public
 */
export const dataProductConsumersContent = EntityContentBlueprint.make({
  name: 'data-product-consumers',
  params: {
    path: 'consumers',
    title: 'Consumers',
    filter: dataProductFilter,
    loader: () =>
      import('./components/DataProductConsumersContent').then(m => (
        <m.DataProductConsumersContent />
      )),
  },
});

/**
 * The "Sample" tab of a DataProduct: a few rows for owners and subscribers,
 * for others why not and "Request access". @public
 */
export const dataProductSampleContent = EntityContentBlueprint.make({
  name: 'data-product-sample',
  params: {
    path: 'sample',
    title: 'Sample',
    filter: dataProductFilter,
    loader: () =>
      import('./components/DataProductSampleContent').then(m => (
        <m.DataProductSampleContent />
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

/**
 * The "Jobs" tab of a data project: each job's tasks in run order, schedule,
 * alerts, "Run now" and last runs; editable by those who may change the
 * project. @public
 */
export const dataProjectJobsContent = EntityContentBlueprint.make({
  name: 'data-project-jobs',
  params: {
    path: 'jobs',
    title: 'Jobs',
    filter: dataProjectFilter,
    loader: () =>
      import('./components/DataProjectJobsContent').then(m => (
        <m.DataProjectJobsContent />
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

/*
 * Catalog filters for DataProducts. The blueprint takes no kind, so each
 * picker shows only while the catalog lists DataProducts. Owners are
 * filtered by the catalog's own owner picker.
 */

/** Catalog filter by a DataProduct's domain. @public */
export const dataProductDomainCatalogFilter = CatalogFilterBlueprint.make({
  name: 'data-product-domain',
  params: {
    loader: () =>
      import('./components/DataProductCatalogFilters').then(m => (
        <m.DataProductDomainPicker />
      )),
  },
});

/** Catalog filter by a DataProduct's layer (bronze, silver, gold). @public */
export const dataProductLayerCatalogFilter = CatalogFilterBlueprint.make({
  name: 'data-product-layer',
  params: {
    loader: () =>
      import('./components/DataProductCatalogFilters').then(m => (
        <m.DataProductLayerPicker />
      )),
  },
});

/** Catalog filter for DataProducts that contain PII. @public */
export const dataProductPiiCatalogFilter = CatalogFilterBlueprint.make({
  name: 'data-product-pii',
  params: {
    loader: () =>
      import('./components/DataProductCatalogFilters').then(m => (
        <m.DataProductPiiPicker />
      )),
  },
});

/** Catalog filter by a DataProduct's freshness against its SLA. @public */
export const dataProductFreshnessCatalogFilter = CatalogFilterBlueprint.make({
  name: 'data-product-freshness',
  params: {
    loader: () =>
      import('./components/DataProductCatalogFilters').then(m => (
        <m.DataProductFreshnessPicker />
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
    myAccessPage,
    pipelineEditorPage,
    accessRequestsHomeWidget,
    dataProductOverviewCard,
    dataProductHealthCard,
    dataProductAccessCard,
    dataProductRequestsCard,
    dataProductSchemaContent,
    dataProductLineageContent,
    dataProductQualityContent,
    dataProductFreshnessContent,
    dataProductCostContent,
    dataProductConsumersContent,
    dataProductSampleContent,
    dataProjectPipelinesContent,
    dataProjectRunsContent,
    dataProjectJobsContent,
    dataProjectHealthCard,
    teamDataProductsCard,
    dataProductSearchResultListItem,
    dataProductDomainCatalogFilter,
    dataProductLayerCatalogFilter,
    dataProductPiiCatalogFilter,
    dataProductFreshnessCatalogFilter,
  ],
  routes: {
    root: rootRouteRef,
    myAccess: myAccessRouteRef,
    pipelineEditor: pipelineEditorRouteRef,
  },
});
