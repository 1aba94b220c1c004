/**
 * Search backend module that indexes Meshwork's DataProducts.
 *
 * @packageDocumentation
 */
export { searchModuleDataProductCollator as default } from './module';
export { DataProductCollatorFactory } from './collator/DataProductCollatorFactory';
export {
  DATA_PRODUCT_DOCUMENT_TYPE,
  type DataProductDocument,
} from './collator/DataProductDocument';
export { dataProductRank, type RankInputs } from './collator/rank';
export { DataMeshApiFactsReader } from './facts/DataMeshApiFactsReader';
export type {
  DataProductFacts,
  DataProductFactsReader,
  DatasetKey,
  FreshnessStatus,
} from './facts/DataProductFacts';
export {
  RankedLunrSearchEngine,
  rankFactor,
} from './engine/RankedLunrSearchEngine';
export { searchModuleRankedLunrEngine } from './engine/module';
