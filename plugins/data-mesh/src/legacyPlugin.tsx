import {
  createComponentExtension,
  createPlugin,
} from '@backstage/core-plugin-api';

/**
 * The plugin for apps still on Backstage's old frontend system, which mount
 * the DataProduct views in their own entity pages. Apps on the new system
 * use the default export instead.
 * @public
 */
export const dataMeshLegacyPlugin = createPlugin({ id: 'data-mesh' });

/** Owner, layer, PII, freshness SLA and ports of a DataProduct. @public */
export const EntityDataProductOverviewCard = dataMeshLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityDataProductOverviewCard',
    component: {
      lazy: () =>
        import('./components/DataProductOverviewCard').then(
          m => m.DataProductOverviewCard,
        ),
    },
  }),
);

/** Declared quality rules and SLA of a DataProduct. @public */
export const EntityDataProductHealthCard = dataMeshLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityDataProductHealthCard',
    component: {
      lazy: () =>
        import('./components/DataProductHealthCard').then(
          m => m.DataProductHealthCard,
        ),
    },
  }),
);

/** The place of "Request access" on a DataProduct page. @public */
export const EntityDataProductAccessCard = dataMeshLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityDataProductAccessCard',
    component: {
      lazy: () =>
        import('./components/DataProductAccessCard').then(
          m => m.DataProductAccessCard,
        ),
    },
  }),
);

/** The contract's columns of a DataProduct, for an entity page tab. @public */
export const EntityDataProductSchemaContent = dataMeshLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityDataProductSchemaContent',
    component: {
      lazy: () =>
        import('./components/DataProductSchemaContent').then(
          m => m.DataProductSchemaContent,
        ),
    },
  }),
);

/** Lineage graph, column lineage and impact of a DataProduct, for a tab. @public */
export const EntityDataProductLineageContent = dataMeshLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityDataProductLineageContent',
    component: {
      lazy: () =>
        import('./components/DataProductLineageContent').then(
          m => m.DataProductLineageContent,
        ),
    },
  }),
);

/** Each quality rule's results over time, for an entity page tab. @public */
export const EntityDataProductQualityContent = dataMeshLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityDataProductQualityContent',
    component: {
      lazy: () =>
        import('./components/DataProductQualityContent').then(
          m => m.DataProductQualityContent,
        ),
    },
  }),
);

/** A DataProduct's writes against its freshness SLA, for a tab. @public */
export const EntityDataProductFreshnessContent = dataMeshLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityDataProductFreshnessContent',
    component: {
      lazy: () =>
        import('./components/DataProductFreshnessContent').then(
          m => m.DataProductFreshnessContent,
        ),
    },
  }),
);

/** DBUs per run and per month against the budget, for a tab. @public */
export const EntityDataProductCostContent = dataMeshLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityDataProductCostContent',
    component: {
      lazy: () =>
        import('./components/DataProductCostContent').then(
          m => m.DataProductCostContent,
        ),
    },
  }),
);

/** The Requests panel of a DataProduct's approvers. @public */
export const EntityDataProductRequestsCard = dataMeshLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityDataProductRequestsCard',
    component: {
      lazy: () =>
        import('./components/DataProductRequestsCard').then(
          m => m.DataProductRequestsCard,
        ),
    },
  }),
);

/** The teams subscribed to a DataProduct, for an entity page tab. @public */
export const EntityDataProductConsumersContent = dataMeshLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityDataProductConsumersContent',
    component: {
      lazy: () =>
        import('./components/DataProductConsumersContent').then(
          m => m.DataProductConsumersContent,
        ),
    },
  }),
);

/** A few rows of a DataProduct for its subscribers, for a tab. @public */
export const EntityDataProductSampleContent = dataMeshLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityDataProductSampleContent',
    component: {
      lazy: () =>
        import('./components/DataProductSampleContent').then(
          m => m.DataProductSampleContent,
        ),
    },
  }),
);

/** A data project's pipelines and their last runs, for a tab. @public */
export const EntityDataProjectPipelinesContent = dataMeshLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityDataProjectPipelinesContent',
    component: {
      lazy: () =>
        import('./components/DataProjectPipelinesContent').then(
          m => m.DataProjectPipelinesContent,
        ),
    },
  }),
);

/** A data project's job runs and "Run now", for a tab. @public */
export const EntityDataProjectRunsContent = dataMeshLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityDataProjectRunsContent',
    component: {
      lazy: () =>
        import('./components/DataProjectRunsContent').then(
          m => m.DataProjectRunsContent,
        ),
    },
  }),
);

/** A data project's jobs: tasks, schedule, alerts, runs; editable. @public */
export const EntityDataProjectJobsContent = dataMeshLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityDataProjectJobsContent',
    component: {
      lazy: () =>
        import('./components/DataProjectJobsContent').then(
          m => m.DataProjectJobsContent,
        ),
    },
  }),
);

/** Quality, freshness and cost of a data project's datasets. @public */
export const EntityDataProjectHealthCard = dataMeshLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityDataProjectHealthCard',
    component: {
      lazy: () =>
        import('./components/DataProjectHealthCard').then(
          m => m.DataProjectHealthCard,
        ),
    },
  }),
);

/** A team's data products with their health and cost. @public */
export const EntityTeamDataProductsCard = dataMeshLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityTeamDataProductsCard',
    component: {
      lazy: () =>
        import('./components/TeamDataProductsCard').then(
          m => m.TeamDataProductsCard,
        ),
    },
  }),
);
