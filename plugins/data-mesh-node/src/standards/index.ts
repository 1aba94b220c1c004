export {
  defaultStandardsRoot,
  listStandardsVersions,
  readProjectStandards,
  readStandardsFiles,
  readStandardsLibrary,
} from './readStandardsLibrary';
export type { ProjectStandards } from './readStandardsLibrary';
export { StandardsLibraries } from './StandardsLibraries';
export type {
  StandardsCompileOptions,
  StandardsVersion,
} from './StandardsLibraries';
