export { DataMeshPage } from './DataMeshPage';
export { AccessRequestsBadge } from './AccessRequestsBadge';
