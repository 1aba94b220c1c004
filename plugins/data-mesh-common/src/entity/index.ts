export * from './constants';
export * from './DataProductEntityV1alpha1';
export { dataProductEntityV1alpha1Schema } from './dataProductEntityV1alpha1Schema';
