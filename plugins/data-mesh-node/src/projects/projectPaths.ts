/**
 * Which files of a data project's tree are project files, wherever the tree
 * is read from: a local folder or a repository behind a URL.
 */

/** The folders of a project that hold its sources and its generated files. */
const PROJECT_FOLDERS = [
  'pipelines',
  'subgraphs',
  'rules',
  'datasets',
  'jobs',
  'tests',
  'generated',
  'resources',
];
const PROJECT_ROOT_FILES = ['meshwork.yaml', 'databricks.yml'];
/** What the compiler reads; the rest is generated or deployment configuration. */
const SOURCE_FOLDERS = [
  'pipelines',
  'subgraphs',
  'rules',
  'datasets',
  'jobs',
  'tests',
];
const SOURCE_ROOT_FILES = ['meshwork.yaml'];

/** Larger files are not project files; reading them would only waste memory. */
export const MAX_PROJECT_FILE_BYTES = 5_000_000;

/** The root files and folders read, for all files or the sources only. */
export function projectLocations(sourcesOnly: boolean): {
  rootFiles: readonly string[];
  folders: readonly string[];
} {
  return sourcesOnly
    ? { rootFiles: SOURCE_ROOT_FILES, folders: SOURCE_FOLDERS }
    : { rootFiles: PROJECT_ROOT_FILES, folders: PROJECT_FOLDERS };
}

/**
 * Whether a `/`-separated path relative to the project root names a project
 * file. Hidden files and folders (an editor's swap file, a half-written
 * temporary file, `.git`) never do.
 */
export function isProjectFilePath(path: string, sourcesOnly: boolean): boolean {
  const segments = path.split('/');
  if (segments.some(s => s === '' || s.startsWith('.'))) return false;
  const { rootFiles, folders } = projectLocations(sourcesOnly);
  return segments.length === 1
    ? rootFiles.includes(path)
    : folders.includes(segments[0]);
}
