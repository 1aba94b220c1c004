export * from './resources';
export * from './rules';
export * from './conditions';
export { internalDataProductsForOwners } from './dataProductVisibility';
