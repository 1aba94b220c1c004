import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { readProjectFolder } from '@meshwork/data-mesh-node';
import { stringify } from 'yaml';
import { z } from 'zod/v3';
import { parseActionInput } from '../lib/actionInput';
import {
  projectDiagnosticsError,
  projectErrors,
} from '../lib/projectDiagnostics';
import { projectChanges } from '../lib/projectChanges';
import {
  ProjectStandardsSource,
  standardsOptions,
} from '../lib/standardsOptions';
import { writeProjectChanges } from '../lib/writeProjectChanges';
import { requireProjectFolder, workspaceFolder } from '../lib/workspaceFolders';

const inputShape = {
  path: (zImpl: typeof z) =>
    zImpl
      .string()
      .default('.')
      .describe('The data project folder, relative to the workspace'),
};

const inputSchema = z.object({ path: inputShape.path(z) });

/**
 * Creates the `data-mesh:compile` action: `meshwork compile` on a project
 * folder of the workspace.
 *
 * @public
 */
export function createCompileAction(
  options: {
    /** The platform standards library projects pin a version of. */
    standards?: ProjectStandardsSource;
  } = {},
) {
  return createTemplateAction({
    id: 'data-mesh:compile',
    description:
      "Generates a data project's code, Databricks bundle and manifest in the workspace, as `meshwork compile` does; a project with errors is refused and nothing is written",
    examples: [
      {
        description: 'Regenerate the code of the project at the workspace root',
        example: stringify({
          steps: [
            {
              id: 'compile',
              action: 'data-mesh:compile',
              name: 'Generate code, bundle and manifest',
              input: { path: '.' },
            },
          ],
        }),
      },
    ],
    schema: {
      input: inputShape,
      output: {
        written: zImpl =>
          zImpl
            .array(zImpl.string())
            .describe('The project paths written or removed'),
      },
    },
    async handler(ctx) {
      const input = parseActionInput(inputSchema, ctx.input);
      const root = workspaceFolder(ctx.workspacePath, 'path', input.path);
      await requireProjectFolder(root, 'path', input.path);
      const files = await readProjectFolder(root);
      const { diagnostics, changes } = projectChanges(
        files,
        new Map(),
        await standardsOptions(options.standards, files),
      );
      const errors = projectErrors(diagnostics);
      if (errors.length > 0) {
        throw projectDiagnosticsError(
          `The project in '${input.path}' has errors; nothing was written`,
          errors,
        );
      }
      await writeProjectChanges(root, changes);
      for (const { path, content } of changes) {
        ctx.logger.info(`${content === null ? 'removed' : 'wrote'} ${path}`);
      }
      ctx.output(
        'written',
        changes.map(c => c.path),
      );
    },
  });
}
