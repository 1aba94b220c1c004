import {
  LoadProjectOptions,
  ProjectSourceFile,
} from '@meshwork/data-mesh-common';
import type { StandardsLibraries } from '@meshwork/data-mesh-node';

/**
 * Where the actions find the platform standards library a project pins.
 *
 * @public
 */
export type ProjectStandardsSource = Pick<StandardsLibraries, 'compileOptions'>;

/**
 * The compile options of a project: the standards library of the version
 * its `meshwork.yaml` pins; none without a library (a project that pins a
 * version then does not compile, and says so).
 */
export async function standardsOptions(
  standards: ProjectStandardsSource | undefined,
  files: readonly ProjectSourceFile[],
): Promise<LoadProjectOptions> {
  return standards ? standards.compileOptions(files) : {};
}
