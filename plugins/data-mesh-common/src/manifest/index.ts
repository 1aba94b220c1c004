/**
 * The project manifest (`generated/manifest.json`): a versioned JSON
 * document describing a compiled data project (its datasets with contracts
 * and column lineage, pipelines, jobs and diagnostics) for everything
 * downstream of the compiler. `compileProject` writes it; `readManifest`
 * checks one that was read back. See docs/manifest.md.
 */
export {
  MANIFEST_PATH,
  MANIFEST_SCHEMA_ID,
  MANIFEST_VERSION,
  projectManifestJsonSchema,
} from './schema';
export type {
  ManifestColumn,
  ManifestColumnLineage,
  ManifestDataset,
  ManifestDatasetDeclaration,
  ManifestDiagnostic,
  ManifestJob,
  ManifestJobTask,
  ManifestLineageStep,
  ManifestPipeline,
  ManifestPipelineInput,
  ManifestPipelineOutput,
  ManifestProject,
  ProjectManifest,
} from './schema';
export {
  InvalidManifestError,
  readManifest,
  renderManifest,
} from './readManifest';
export type { ManifestProblem } from './readManifest';
