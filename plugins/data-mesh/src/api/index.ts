export * from './DataMeshApi';
export * from './types';
export { DataMeshClient } from './DataMeshClient';
