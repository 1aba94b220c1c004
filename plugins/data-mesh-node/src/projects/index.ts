export { readProjectFolder } from './readProjectFolder';
export type { ReadProjectFolderOptions } from './readProjectFolder';
export type {
  ProjectSource,
  ProjectSourceRead,
  ProjectSourceReadOptions,
} from './ProjectSource';
export { LocalFolderProjectSource } from './LocalFolderProjectSource';
export { UrlReaderProjectSource } from './UrlReaderProjectSource';
