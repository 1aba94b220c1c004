export * from './constants';
export * from './DataProductEntityV1alpha1';
export { dataProductEntityV1alpha1Schema } from './dataProductEntityV1alpha1Schema';
export * from './annotations';
export { dataProductEntityName } from './dataProductEntityName';
export { dataProductRuleKey, RULE_KEY_PROPERTY } from './dataProductContract';
export {
  datasetToDataProductEntity,
  manifestToDataProductEntities,
} from './datasetToDataProductEntity';
export type {
  DataProductEntityOptions,
  DataProjectFilesLocation,
} from './datasetToDataProductEntity';
export {
  containsPii,
  freshnessSla,
  freshnessSlaHours,
  isPiiColumn,
  piiColumnNames,
  slaDurationHours,
} from './dataProductFacts';
