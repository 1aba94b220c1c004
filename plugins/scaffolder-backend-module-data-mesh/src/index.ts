/**
 * Scaffolder actions for Meshwork data projects and data products.
 *
 * @packageDocumentation
 */

export { scaffolderModuleDataMesh as default } from './module';
export { createProjectInitAction } from './actions/projectInit';
export { createCompileAction } from './actions/compile';
export { createDatasetAddAction } from './actions/datasetAdd';
export { createPublishLocalAction } from './actions/publishLocal';
export type { ProjectStandardsSource } from './lib/standardsOptions';
