import type { ProjectSourceFile } from '@meshwork/data-mesh-common';
import {
  defaultStandardsRoot,
  ProjectStandards,
  readProjectStandards,
} from '../../standards';
import { CliUsageError, CliIo } from '../types';
import { reportDiagnostics } from './projectFolder';
import { join } from 'node:path';

/** The `--standards <dir>` option of the commands that compile a project. */
export const STANDARDS_OPTION = { standards: { type: 'string' } } as const;

/** How the commands' help describes {@link STANDARDS_OPTION}. */
export const STANDARDS_HELP = `  --standards <dir>
              The platform standards library, one folder per version
              (default: the repository's templates/standards)`;

/** The standards root a command uses: `--standards`, else the repository's. */
export function standardsRoot(option: string | undefined): string {
  const root = option ?? defaultStandardsRoot();
  if (root === undefined) {
    throw new CliUsageError(
      'no templates/standards found above this tool; pass --standards <dir>',
    );
  }
  return root;
}

/**
 * The standards library a project pins, with the library's own problems
 * printed (relative to its version folder); those count as errors of the
 * command.
 */
export async function projectStandards(
  files: readonly ProjectSourceFile[],
  option: string | undefined,
  io: CliIo,
): Promise<ProjectStandards & { errors: number }> {
  const root = standardsRoot(option);
  const standards = await readProjectStandards(root, files);
  const errors =
    standards.version === undefined
      ? 0
      : reportDiagnostics(
          join(root, standards.version),
          standards.diagnostics,
          io,
        );
  return { ...standards, errors };
}
