export * from './DataMeshApi';
export * from './types';
export { DataMeshClient } from './DataMeshClient';
export { previewDiagnostics } from './previewDiagnostics';
export { editorErrorDetails } from './editorErrorDetails';
