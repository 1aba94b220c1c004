export { DataProductDomainPicker } from './DataProductDomainPicker';
export { DataProductLayerPicker } from './DataProductLayerPicker';
export { DataProductPiiPicker } from './DataProductPiiPicker';
export { DataProductFreshnessPicker } from './DataProductFreshnessPicker';
export {
  DataProductDomainFilter,
  DataProductLayerFilter,
  DataProductPiiFilter,
  DataProductFreshnessFilter,
} from './filters';
export type { DataProductEntityFilters, FreshnessStatus } from './filters';
