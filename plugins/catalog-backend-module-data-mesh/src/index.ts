/**
 * Catalog backend module for Meshwork: the DataProduct kind.
 *
 * @packageDocumentation
 */

export { catalogModuleDataMesh as default } from './module';
export { DataProductEntityProvider } from './provider';
