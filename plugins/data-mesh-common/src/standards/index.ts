/**
 * The platform standards library (`templates/standards/<version>/`): mask
 * templates, functions with typed signatures, business rules and
 * subgraphs that a data project pins by version in `meshwork.yaml`. Pure,
 * no I/O: `readStandardsLibrary` in `@meshwork/data-mesh-node` reads the
 * files.
 */
export {
  STANDARD_FUNCTION_PARAMETER_TYPES,
  standardsFileSchema,
} from './schema';
export type { StandardsFile } from './schema';
export { STANDARDS_REFERENCE_PREFIX } from './types';
export type { StandardFunction, StandardsLibrary } from './types';
export { loadStandardsLibrary, STANDARDS_FILE } from './loadStandardsLibrary';
export type { LoadedStandardsLibrary } from './loadStandardsLibrary';
