export * from './DataMeshApi';
export { DataMeshClient } from './DataMeshClient';
