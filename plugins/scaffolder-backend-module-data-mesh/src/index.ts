/**
 * Scaffolder actions for Meshwork data projects and data products.
 *
 * @packageDocumentation
 */

export { scaffolderModuleDataMesh as default } from './module';
