import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EventsService } from '@backstage/plugin-events-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  CLASSIFICATIONS,
  dataProductEntityName,
  loadProject,
  ProjectSourceFile,
  dataProjectEditPermission,
} from '@meshwork/data-mesh-common';
import {
  DATA_PROJECT_CHANGED_TOPIC,
  DataProjectChangedEvent,
  dataProjectLocation,
  DataProjectLocation,
  GithubProjectGit,
  LocalProjectGit,
  ProjectGit,
  readProjectFolder,
} from '@meshwork/data-mesh-node';
import { readFile } from 'node:fs/promises';
import { stringify } from 'yaml';
import { z } from 'zod/v3';
import { branchName, inputObject, parseActionInput } from '../lib/actionInput';
import { entityRefOfKind } from '../lib/catalogChecks';
import { CheckedOutFiles } from '../lib/checkedOutFiles';
import { commitAuthorOf } from '../lib/commitAuthor';
import { datasetClash, NewDataset, newDataset } from '../lib/newDataset';
import {
  projectDiagnosticsError,
  projectErrors,
} from '../lib/projectDiagnostics';
import { projectChanges, ProjectFileChange } from '../lib/projectChanges';
import {
  ProjectStandardsSource,
  standardsOptions,
} from '../lib/standardsOptions';
import { writeProjectChanges } from '../lib/writeProjectChanges';
import { requireProjectFolder, workspaceFolder } from '../lib/workspaceFolders';

const FILE_NAME = /^[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DATA_PROJECT_TYPE = 'data-project';

const inputShape = {
  name: (zImpl: typeof z) =>
    zImpl
      .string()
      .regex(
        FILE_NAME,
        'must be letters, digits and _ (with - between parts), not starting with a digit',
      )
      .max(63)
      .optional()
      .describe(
        "The dataset's name, e.g. customer_segments (default with odcs: the contract's table)",
      ),
  description: (zImpl: typeof z) => zImpl.string().min(1).optional(),
  table: (zImpl: typeof z) =>
    zImpl
      .string()
      .optional()
      .describe('The table it is written to (default <layer>.<name>)'),
  layer: (zImpl: typeof z) =>
    zImpl.enum(['bronze', 'silver', 'gold']).optional(),
  visibility: (zImpl: typeof z) =>
    zImpl
      .enum(['internal', 'published'])
      .optional()
      .describe('published: everyone finds it; internal: its owners only'),
  owner: (zImpl: typeof z) =>
    zImpl
      .string()
      .optional()
      .describe("The owning group (default: the project's owner)"),
  columns: (zImpl: typeof z) =>
    zImpl
      .array(
        zImpl.object({
          name: zImpl.string().regex(IDENTIFIER, 'must be a column name'),
          type: zImpl.string().min(1).describe('A Spark SQL type, e.g. bigint'),
          description: zImpl.string().optional(),
          classification: zImpl.enum(CLASSIFICATIONS).optional(),
          tags: zImpl.array(zImpl.string().min(1)).optional(),
        }),
      )
      .min(1)
      .optional()
      .describe("The contract's columns"),
  quality: (zImpl: typeof z) =>
    zImpl
      .array(zImpl.object({ check: zImpl.string() }).passthrough())
      .optional()
      .describe(
        'Quality rules: not_null, unique, accepted_values, range, regex, row_count, freshness, custom_sql',
      ),
  keyColumns: (zImpl: typeof z) =>
    zImpl
      .array(zImpl.string().regex(IDENTIFIER, 'must be a column name'))
      .optional()
      .describe(
        'Columns that identify a row: each gets a not_null rule, together a unique rule',
      ),
  freshnessHours: (zImpl: typeof z) =>
    zImpl
      .number()
      .min(0)
      .optional()
      .describe('The freshness SLA: hours between successful writes at most'),
  odcs: (zImpl: typeof z) =>
    zImpl
      .string()
      .min(1)
      .optional()
      .describe(
        'An ODCS v3 contract to import: its YAML or JSON text, or the path of a file in the workspace',
      ),
  odcsObject: (zImpl: typeof z) =>
    zImpl
      .string()
      .optional()
      .describe('Which schema object of the contract, when it has several'),
  path: (zImpl: typeof z) =>
    zImpl
      .string()
      .optional()
      .describe('A data project folder in the workspace to add the dataset to'),
  project: (zImpl: typeof z) =>
    zImpl
      .string()
      .optional()
      .describe(
        'Or: a data project Component of the catalog, whose repository gets a commit',
      ),
  branch: (zImpl: typeof z) =>
    branchName(zImpl)
      .optional()
      .describe(
        "With project: the branch to commit to (default data-product/<name>); the repository's default branch publishes at once",
      ),
  toDefaultBranch: (zImpl: typeof z) =>
    zImpl
      .boolean()
      .optional()
      .describe(
        "With project: commit to the repository's default branch, so the catalog publishes the product at once",
      ),
  commitMessage: (zImpl: typeof z) => zImpl.string().min(1).optional(),
};

const inputSchema = inputObject(inputShape)
  .refine(
    input => (input.path === undefined) !== (input.project === undefined),
    {
      message:
        'give either path (a workspace folder) or project (an entity ref)',
    },
  )
  .refine(input => input.branch === undefined || input.project !== undefined, {
    message: 'branch applies to project only',
    path: ['branch'],
  })
  .refine(input => !(input.branch !== undefined && input.toDefaultBranch), {
    message: 'give branch or toDefaultBranch, not both',
    path: ['toDefaultBranch'],
  });

/** The quality rules asked for: those given, and the key's not_null and unique. */
function qualityRules(input: Input) {
  const rules: Array<Record<string, unknown>> = [...(input.quality ?? [])];
  if (input.keyColumns && input.keyColumns.length > 0) {
    for (const column of input.keyColumns) {
      rules.push({ check: 'not_null', column });
    }
    rules.push({ check: 'unique', columns: input.keyColumns });
  }
  return rules.length > 0 ? rules : undefined;
}

type Input = z.infer<typeof inputSchema>;

/** The ODCS text: given inline (it has a line break or is JSON), else a workspace file. */
async function odcsText(workspacePath: string, odcs: string): Promise<string> {
  if (/[\n{]/.test(odcs)) return odcs;
  const file = workspaceFolder(workspacePath, 'odcs', odcs);
  try {
    return await readFile(file, 'utf8');
  } catch {
    throw new InputError(
      `odcs: no file '${odcs}' in the workspace; give the contract's text or a workspace path`,
    );
  }
}

/** Everything a dataset must pass before its project is changed. */
async function datasetChanges(
  files: readonly ProjectSourceFile[],
  dataset: NewDataset,
  where: string,
  standards: ProjectStandardsSource | undefined,
): Promise<readonly ProjectFileChange[]> {
  const clash = datasetClash(files, dataset.dataset);
  if (clash) throw new ConflictError(`${clash}; nothing was written`);
  const { diagnostics, changes } = projectChanges(
    files,
    new Map([[dataset.path, dataset.text]]),
    await standardsOptions(standards, files),
  );
  const errors = projectErrors(diagnostics);
  if (errors.length > 0) {
    throw projectDiagnosticsError(
      `The dataset does not fit ${where}; nothing was written`,
      errors,
    );
  }
  return changes;
}

/** The project settings a new dataset takes its defaults from. */
function projectSettings(files: readonly ProjectSourceFile[], where: string) {
  const settings = loadProject(files).project?.value;
  if (!settings) {
    throw new InputError(
      `${where} has no valid meshwork.yaml; is it a data project?`,
    );
  }
  return settings;
}

/**
 * Creates the `data-mesh:dataset:add` action: a dataset with its contract
 * added to a data project, with the generated files made again, either in
 * a workspace folder or as a commit to the project's repository.
 *
 * @public
 */
export function createDatasetAddAction(options: {
  catalog: CatalogService;
  /**
   * Who may change a project of the catalog: the data-mesh permission
   * policy's `data-mesh.project.edit` (its owning team and the platform
   * team), as for the portal's editor.
   */
  permissions: PermissionsService;
  integrations: ScmIntegrationRegistry;
  events?: EventsService;
  /** The platform standards library projects pin a version of. */
  standards?: ProjectStandardsSource;
  /** The repository of a project's location; the default reads it as the portal does. */
  repositoryAt?: (location: DataProjectLocation) => ProjectGit | undefined;
}) {
  const repositoryAt =
    options.repositoryAt ??
    ((location: DataProjectLocation): ProjectGit | undefined =>
      location.type === 'dir'
        ? new LocalProjectGit(location.target)
        : GithubProjectGit.fromUrl(location.target, {
            integrations: options.integrations,
          }));

  async function dataProjectComponent(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    const parsed = entityRefOfKind('project', ref, 'Component');
    const entity = await options.catalog.getEntityByRef(parsed, {
      credentials,
    });
    if (!entity) {
      throw new InputError(
        `project: the catalog has no ${stringifyEntityRef(parsed)}`,
      );
    }
    if (entity.spec?.type !== DATA_PROJECT_TYPE) {
      throw new InputError(
        `project: ${stringifyEntityRef(
          entity,
        )} is not a data project (spec.type ${DATA_PROJECT_TYPE})`,
      );
    }
    return entity;
  }

  /** Refuses a caller who may not change the project, before anything is read. */
  async function requireEditPermission(
    component: Entity,
    credentials: BackstageCredentials,
  ) {
    // The data-mesh backend knows projects by their Component's name.
    const project = component.metadata.name;
    const [decision] = await options.permissions.authorize(
      [{ permission: dataProjectEditPermission, resourceRef: project }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `project: you may not change the data project '${project}'; its owning team and the platform team add its data products`,
      );
    }
  }

  /** A DataProduct of that name in the catalog already, from any project. */
  async function requireFreeEntityName(
    dataset: NewDataset,
    credentials: BackstageCredentials,
  ) {
    const ref = `dataproduct:default/${dataProductEntityName(dataset.name)}`;
    const existing = await options.catalog.getEntityByRef(ref, { credentials });
    if (existing) {
      const producer = (existing.spec as { producedBy?: string } | undefined)
        ?.producedBy;
      throw new ConflictError(
        `name: the catalog has a DataProduct ${ref} already${
          producer ? `, produced by ${producer}` : ''
        }; choose another name; nothing was written`,
      );
    }
  }

  return createTemplateAction({
    id: 'data-mesh:dataset:add',
    description:
      'Adds a dataset with its contract (columns, quality rules, freshness; or imported from an ODCS contract) to a data project, with its generated files made again: in a workspace folder (path), or as a commit to the repository of a data project of the catalog (project) on a branch, with a pull request where the repository takes them',
    examples: [
      {
        description:
          'Add a published product to a project of the catalog, for review on a branch',
        example: stringify({
          steps: [
            {
              id: 'dataset',
              action: 'data-mesh:dataset:add',
              name: 'Add the data product',
              input: {
                project: 'component:default/hello-world',
                name: 'customer_segments',
                description: 'Customers by segment',
                layer: 'gold',
                visibility: 'published',
                columns: [
                  {
                    name: 'customer_id',
                    type: 'bigint',
                    description: 'The customer',
                  },
                  {
                    name: 'email',
                    type: 'string',
                    description: 'Contact email',
                    classification: 'pii',
                  },
                  {
                    name: 'segment',
                    type: 'string',
                    description: 'Sales segment',
                  },
                ],
                quality: [
                  { check: 'not_null', column: 'customer_id' },
                  { check: 'unique', columns: ['customer_id'] },
                ],
                freshnessHours: 26,
              },
            },
          ],
        }),
      },
      {
        description: 'Import an ODCS contract into a project in the workspace',
        example: stringify({
          steps: [
            {
              id: 'dataset',
              action: 'data-mesh:dataset:add',
              name: 'Import the contract',
              input: { path: '.', odcs: 'contracts/orders.odcs.yaml' },
            },
          ],
        }),
      },
    ],
    schema: {
      input: inputShape,
      output: {
        datasetPath: zImpl =>
          zImpl.string().describe("The dataset file's path in the project"),
        entityRef: zImpl =>
          zImpl.string().describe('The DataProduct the catalog will publish'),
        branch: zImpl => zImpl.string().optional(),
        commit: zImpl => zImpl.string().optional(),
        pullRequestUrl: zImpl => zImpl.string().optional(),
        written: zImpl =>
          zImpl
            .array(zImpl.string())
            .describe('The project paths written or removed'),
      },
    },
    async handler(ctx) {
      const input: Input = parseActionInput(inputSchema, ctx.input);
      const credentials = await ctx.getInitiatorCredentials();
      const odcs = input.odcs
        ? {
            text: await odcsText(ctx.workspacePath, input.odcs),
            object: input.odcsObject,
          }
        : undefined;
      const build = (files: readonly ProjectSourceFile[], where: string) =>
        newDataset(
          {
            name: input.name,
            description: input.description,
            table: input.table,
            layer: input.layer,
            visibility: input.visibility,
            owner: input.owner,
            columns: input.columns,
            quality: qualityRules(input),
            freshnessHours: input.freshnessHours,
          },
          projectSettings(files, where),
          odcs,
        );

      let dataset: NewDataset;
      let changes: readonly ProjectFileChange[];
      if (input.path !== undefined) {
        const root = workspaceFolder(ctx.workspacePath, 'path', input.path);
        await requireProjectFolder(root, 'path', input.path);
        const files = await readProjectFolder(root);
        const where = `the project in '${input.path}'`;
        dataset = build(files, where);
        changes = await datasetChanges(
          files,
          dataset,
          where,
          options.standards,
        );
        await requireFreeEntityName(dataset, credentials);
        await writeProjectChanges(root, changes);
      } else {
        const component = await dataProjectComponent(
          input.project!,
          credentials,
        );
        const projectRef = stringifyEntityRef(component);
        await requireEditPermission(component, credentials);
        const location = dataProjectLocation(component, options.integrations);
        const git = repositoryAt(location);
        if (!git) {
          throw new InputError(
            `project: ${projectRef} is read from ${location.target}, where the portal cannot commit`,
          );
        }
        const defaultBranch = await git.defaultBranch();
        const defaultHead = await git.branchHead(defaultBranch);
        if (!defaultHead) {
          throw new InputError(
            `project: the branch '${defaultBranch}' of ${git.location} has no commit`,
          );
        }
        const baseFiles = await git.readFiles(defaultHead);
        dataset = build(baseFiles, projectRef);
        const branch = input.toDefaultBranch
          ? defaultBranch
          : input.branch ?? `data-product/${dataset.name}`;
        // A branch from an earlier attempt is built on, never reset.
        const head = await git.branchHead(branch);
        const parent = head ?? defaultHead;
        const files = head ? await git.readFiles(head) : baseFiles;
        changes = await datasetChanges(
          files,
          dataset,
          `${projectRef} at ${branch}`,
          options.standards,
        );
        await requireFreeEntityName(dataset, credentials);

        // Committing to the branch a local repository has checked out
        // must also update its files, which the portal reads.
        const workTree =
          location.type === 'dir'
            ? await CheckedOutFiles.of(location.target)
            : undefined;
        const paths = changes.map(c => c.path);
        const checkedOut = workTree?.branch === branch;
        if (checkedOut) await workTree!.requireUnchanged(paths);

        const commit = await git.commit({
          branch,
          expectedHead: head ?? null,
          parent,
          changes,
          author: commitAuthorOf(ctx.user),
          message:
            input.commitMessage ??
            `Add the dataset ${dataset.name}${
              dataset.dataset.visibility === 'published'
                ? ' as a published data product'
                : ''
            }`,
        });
        if (checkedOut) await workTree!.update(paths);
        ctx.logger.info(
          `Committed ${dataset.path} to ${branch} of ${
            git.location
          } (${commit.slice(0, 7)})`,
        );
        ctx.output('branch', branch);
        ctx.output('commit', commit);

        if (branch === defaultBranch) {
          try {
            await options.events?.publish({
              topic: DATA_PROJECT_CHANGED_TOPIC,
              eventPayload: {
                project: component.metadata.name,
              } satisfies DataProjectChangedEvent,
            });
          } catch (error) {
            // The commit is made; the catalog reads it on its schedule.
            ctx.logger.warn(
              `Could not announce the commit to ${projectRef}: ${error}`,
            );
          }
        } else if (git.openPullRequest) {
          const pullRequest = await git.openPullRequest({
            branch,
            title: `Add the data product ${dataset.name}`,
            body: `Adds \`${
              dataset.path
            }\` with its contract and the generated files it changes. Once merged, the catalog publishes it as ${`dataproduct:default/${dataProductEntityName(
              dataset.name,
            )}`}.`,
          });
          ctx.output('pullRequestUrl', pullRequest.url);
        }
      }

      for (const note of dataset.notes) {
        ctx.logger.info(
          `From the contract, ${note.kind}: ${note.path}: ${note.reason}`,
        );
      }
      ctx.output('datasetPath', dataset.path);
      ctx.output(
        'entityRef',
        `dataproduct:default/${dataProductEntityName(dataset.name)}`,
      );
      ctx.output(
        'written',
        changes.map(c => c.path),
      );
    },
  });
}
