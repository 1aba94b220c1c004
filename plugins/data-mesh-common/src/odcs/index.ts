/**
 * Open Data Contract Standard (ODCS) v3 in and out: a project dataset as an
 * ODCS v3.1 contract, an ODCS v3.x contract as a project dataset with a
 * list of what could not be carried over, and validation against the ODCS
 * JSON Schema shipped in `./schema` (Apache-2.0, see `schema/ODCS-LICENSE`).
 * Pure, no I/O. See docs/odcs.md.
 */
export {
  datasetToOdcs,
  ODCS_API_VERSION,
  renderOdcsYaml,
} from './datasetToOdcs';
export type { DatasetToOdcsInput } from './datasetToOdcs';
export { odcsToDataset } from './odcsToDataset';
export type {
  OdcsImportNote,
  OdcsToDatasetOptions,
  OdcsToDatasetResult,
} from './odcsToDataset';
export { readOdcs, validateOdcs } from './validate';
export type { OdcsProblem, OdcsReadResult } from './validate';
export type {
  OdcsCustomProperty,
  OdcsDocument,
  OdcsProperty,
  OdcsQuality,
  OdcsSchemaObject,
  OdcsServer,
  OdcsSlaProperty,
  OdcsTeam,
  OdcsTeamMember,
} from './types';
