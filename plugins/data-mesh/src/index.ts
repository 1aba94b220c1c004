/**
 * The Meshwork data-mesh frontend plugin.
 *
 * @packageDocumentation
 */

export { dataMeshPlugin as default } from './plugin';
export * from './api';
export {
  dataMeshLegacyPlugin,
  EntityDataProductAccessCard,
  EntityDataProductHealthCard,
  EntityDataProductOverviewCard,
  EntityDataProductSchemaContent,
  EntityDataProductLineageContent,
  EntityDataProductQualityContent,
  EntityDataProductFreshnessContent,
  EntityDataProductCostContent,
  EntityDataProductRequestsCard,
  EntityDataProductConsumersContent,
  EntityDataProductSampleContent,
  EntityDataProjectPipelinesContent,
  EntityDataProjectRunsContent,
  EntityDataProjectJobsContent,
  EntityDataProjectHealthCard,
  EntityTeamDataProductsCard,
} from './legacyPlugin';
