import { stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { dataProductEntityName } from '@meshwork/data-mesh-common';
import { mkdir, rm } from 'node:fs/promises';
import { stringify } from 'yaml';
import { z } from 'zod/v3';
import { inputObject, parseActionInput } from '../lib/actionInput';
import { requireGroup, requireTeamMember } from '../lib/catalogChecks';
import {
  projectDiagnosticsError,
  projectErrors,
} from '../lib/projectDiagnostics';
import { projectChanges, projectSources } from '../lib/projectChanges';
import {
  ProjectStandardsSource,
  standardsOptions,
} from '../lib/standardsOptions';
import {
  starterNames,
  starterProjectFiles,
  StarterTarget,
} from '../lib/starterProject';
import { writeProjectChanges } from '../lib/writeProjectChanges';
import { folderEntries, workspaceFolder } from '../lib/workspaceFolders';

/** As the data-mesh permission policy's default. */
const DEFAULT_PLATFORM_TEAM = 'group:default/platform-team';

const PROJECT_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

const targetSchema = (zImpl: typeof z) =>
  zImpl.union([
    zImpl
      .string()
      .regex(IDENTIFIER, 'must be a target name such as dev or prod')
      .describe(
        'A target by name, set up by convention: catalog main for prod, else the name; warehouse <name>-warehouse',
      ),
    zImpl.object({
      name: zImpl.string().regex(IDENTIFIER, 'must be a target name'),
      catalog: zImpl.string().regex(IDENTIFIER, 'must be a catalog name'),
      schema: zImpl
        .string()
        .regex(IDENTIFIER, 'must be a schema name')
        .optional(),
      warehouse: zImpl.string().min(1).optional(),
    }),
  ]);

const inputShape = {
  name: (zImpl: typeof z) =>
    zImpl
      .string()
      .max(63)
      .regex(PROJECT_NAME, 'must be lowercase words joined by -')
      .describe('The project name, e.g. customer-insights'),
  title: (zImpl: typeof z) =>
    zImpl.string().optional().describe('Display name (empty: none)'),
  description: (zImpl: typeof z) =>
    zImpl.string().min(1).describe('What the project is for'),
  owner: (zImpl: typeof z) =>
    zImpl
      .string()
      .min(1)
      .describe(
        'The owning team: a Group of the catalog, e.g. group:default/sales',
      ),
  domain: (zImpl: typeof z) =>
    zImpl.string().min(1).describe('The business domain, e.g. sales'),
  system: (zImpl: typeof z) =>
    zImpl
      .string()
      .optional()
      .describe('The system the project is part of (empty: none)'),
  targets: (zImpl: typeof z) =>
    zImpl
      .array(targetSchema(zImpl))
      .min(1)
      .default(['dev', 'prod'])
      .describe('Engine targets (Databricks bundle targets)'),
  schema: (zImpl: typeof z) =>
    zImpl
      .string()
      .regex(IDENTIFIER, 'must be a schema name')
      .optional()
      .describe(
        'The schema the targets write to, where a target does not say (default: the domain)',
      ),
  standardsVersion: (zImpl: typeof z) =>
    zImpl
      .string()
      .regex(/^\d{4}\.\d+$/, 'must be a standards version such as 2026.1')
      .default('2026.1')
      .describe('The platform standards version the project follows'),
  targetPath: (zImpl: typeof z) =>
    zImpl
      .string()
      .default('.')
      .describe('Workspace folder to create the project in; must be empty'),
};

const inputSchema = inputObject(inputShape);

/** A name turned into an identifier: `Sales Ops` → `sales_ops`. */
function identifierOf(text: string): string {
  const snake = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[a-z_]/.test(snake) ? snake : `_${snake}`;
}

function resolveTargets(
  targets: z.infer<typeof inputSchema>['targets'],
  defaultSchema: string,
): Record<string, StarterTarget> {
  const resolved: Record<string, StarterTarget> = {};
  for (const target of targets) {
    const spec =
      typeof target === 'string'
        ? {
            name: target,
            catalog: target === 'prod' ? 'main' : target,
            warehouse: `${target}-warehouse`,
          }
        : target;
    resolved[spec.name] = {
      warehouse: spec.warehouse,
      catalog: spec.catalog,
      schema: ('schema' in spec && spec.schema) || defaultSchema,
    };
  }
  return resolved;
}

/**
 * Creates the `data-mesh:project:init` action: a complete starter data
 * project in the workspace, checked by the compiler before anything is
 * written.
 *
 * @public
 */
export function createProjectInitAction(options: {
  catalog: CatalogService;
  /**
   * The platform team (`dataMesh.permissions.platformTeam`), whose members
   * may create projects for any team; others only for their own.
   */
  platformTeam?: string;
  /** The platform standards library the starter's `standardsVersion` names. */
  standards?: ProjectStandardsSource;
}) {
  return createTemplateAction({
    id: 'data-mesh:project:init',
    description:
      'Writes a new Meshwork data project into the workspace: meshwork.yaml, a source and a published dataset with contracts, a pipeline masking the PII column, a job, pipeline tests, generated code, bundle and manifest, catalog-info.yaml, a CI workflow and a README',
    examples: [
      {
        description:
          'A data project of the sales domain with dev and prod targets',
        example: stringify({
          steps: [
            {
              id: 'init',
              action: 'data-mesh:project:init',
              name: 'Create the data project',
              input: {
                name: 'customer-insights',
                title: 'Customer Insights',
                description: 'Who our customers are and how to reach them',
                owner: 'group:default/sales-analytics',
                domain: 'sales',
                targets: ['dev', 'prod'],
                standardsVersion: '2026.1',
              },
            },
          ],
        }),
      },
      {
        description: 'Targets spelled out, in a folder of the workspace',
        example: stringify({
          steps: [
            {
              id: 'init',
              action: 'data-mesh:project:init',
              name: 'Create the data project',
              input: {
                name: 'finance-reporting',
                description: 'Monthly revenue reporting',
                owner: 'finance-insights',
                domain: 'finance',
                targets: [
                  { name: 'dev', catalog: 'dev', schema: 'finance' },
                  {
                    name: 'prod',
                    catalog: 'main',
                    schema: 'finance',
                    warehouse: 'prod-sql',
                  },
                ],
                targetPath: 'finance-reporting',
              },
            },
          ],
        }),
      },
    ],
    schema: {
      input: inputShape,
      output: {
        projectPath: zImpl =>
          zImpl
            .string()
            .describe('The project folder, relative to the workspace'),
        entityRef: zImpl =>
          zImpl.string().describe("The project's catalog Component"),
        owner: zImpl => zImpl.string().describe('The owning Group'),
        dataProducts: zImpl =>
          zImpl
            .array(zImpl.string())
            .describe('The DataProducts the catalog will publish'),
        pipeline: zImpl => zImpl.string(),
      },
    },
    async handler(ctx) {
      const input = parseActionInput(inputSchema, ctx.input);
      const target = workspaceFolder(
        ctx.workspacePath,
        'targetPath',
        input.targetPath,
      );
      const credentials = await ctx.getInitiatorCredentials();
      const owner = await requireGroup(
        options.catalog,
        credentials,
        'owner',
        input.owner,
      );
      const ownerRef = stringifyEntityRef(owner);
      await requireTeamMember(options.catalog, credentials, {
        field: 'owner',
        userRef: ctx.user?.ref,
        team: ownerRef,
        platformTeam: options.platformTeam ?? DEFAULT_PLATFORM_TEAM,
      });

      const existing = await folderEntries(target);
      if (existing && existing.length > 0) {
        throw new ConflictError(
          `targetPath: '${input.targetPath}' is not empty; a new project needs an empty folder`,
        );
      }

      const sources = starterProjectFiles({
        name: input.name,
        // A template passes an empty string for a field left empty.
        title: input.title || undefined,
        description: input.description,
        owner: ownerRef,
        domain: input.domain,
        system: input.system || undefined,
        standardsVersion: input.standardsVersion,
        targets: resolveTargets(
          input.targets,
          input.schema ?? identifierOf(input.domain),
        ),
      });
      const edited = new Map(sources.map(f => [f.path, f.text]));
      const { diagnostics, changes } = projectChanges(
        [],
        edited,
        await standardsOptions(options.standards, projectSources([], edited)),
      );
      const errors = projectErrors(diagnostics);
      if (errors.length > 0) {
        throw projectDiagnosticsError(
          `The project '${input.name}' would not compile with this input; nothing was written`,
          errors,
        );
      }

      const created = existing === undefined;
      await mkdir(target, { recursive: true });
      try {
        await writeProjectChanges(target, changes);
      } catch (error) {
        if (created) await rm(target, { recursive: true, force: true });
        throw error;
      }
      ctx.logger.info(
        `Created the data project ${input.name} in ${input.targetPath}: ${changes.length} files`,
      );

      const names = starterNames(input.name);
      ctx.output('projectPath', input.targetPath);
      ctx.output('entityRef', `component:default/${input.name}`);
      ctx.output('owner', ownerRef);
      ctx.output(
        'dataProducts',
        [names.source, names.product].map(
          name => `dataproduct:default/${dataProductEntityName(name)}`,
        ),
      );
      ctx.output('pipeline', names.pipeline);
    },
  });
}
