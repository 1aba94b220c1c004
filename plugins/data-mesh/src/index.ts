/**
 * The Meshwork data-mesh frontend plugin.
 *
 * @packageDocumentation
 */

export { dataMeshPlugin as default } from './plugin';
export * from './api';
export { DataMeshPage } from './components/DataMeshPage';
