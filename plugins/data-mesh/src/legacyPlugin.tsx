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
