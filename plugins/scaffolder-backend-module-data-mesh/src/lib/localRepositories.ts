import { Config } from '@backstage/config';
import { resolve } from 'node:path';

/** The config key naming the folder of the portal's local project repositories. */
export const LOCAL_REPOSITORIES_ROOT_KEY = 'dataMesh.localRepositories.root';

/**
 * The demo's `.data/repos` at the repository root, from the backend's
 * working directory (packages/backend), like the demo's other paths.
 */
const DEFAULT_ROOT = '../../.data/repos';

/**
 * The folder holding the portal's local data project repositories, one
 * `<root>/<name>` each: `dataMesh.localRepositories.root`, relative to the
 * backend's working directory, as an absolute path.
 */
export function localRepositoriesRoot(config: Config): string {
  return resolve(
    config.getOptionalString(LOCAL_REPOSITORIES_ROOT_KEY) ?? DEFAULT_ROOT,
  );
}
