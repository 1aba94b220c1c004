export { DataMeshPage } from './DataMeshPage';
