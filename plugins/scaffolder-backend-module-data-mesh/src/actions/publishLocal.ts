import {
  LoggerService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { ConflictError, InputError } from '@backstage/errors';
import {
  CatalogService,
  locationSpecToMetadataName,
} from '@backstage/plugin-catalog-node';
import {
  ActionContext,
  createTemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { seedProjectRepository } from '@meshwork/data-mesh-node';
import git from 'isomorphic-git';
import fs, { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { z } from 'zod/v3';
import { branchName, inputObject, parseActionInput } from '../lib/actionInput';
import { commitAuthorOf } from '../lib/commitAuthor';
import { localRepositoriesRoot } from '../lib/localRepositories';
import { folderEntries, workspaceFolder } from '../lib/workspaceFolders';

/** A repository name: no path separators, no leading dot, so never `..`. */
const REPOSITORY_NAME = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;

const inputShape = {
  name: (zImpl: typeof z) =>
    zImpl
      .string()
      .max(100)
      .regex(
        REPOSITORY_NAME,
        'must be lowercase letters and digits joined by - or _',
      )
      .describe('The repository name: the folder under the repositories root'),
  sourcePath: (zImpl: typeof z) =>
    zImpl.string().default('.').describe('The workspace folder to publish'),
  defaultBranch: (zImpl: typeof z) =>
    branchName(zImpl).default('main').describe('The branch the commit is on'),
  gitCommitMessage: (zImpl: typeof z) =>
    zImpl
      .string()
      .min(1)
      .optional()
      .describe('The message of the initial commit'),
};

const inputSchema = inputObject(inputShape);

/** Names being published in this process: two tasks never race for one. */
const publishing = new Set<string>();

/** The entity ref of the Component (else the first entity) a catalog file describes. */
function describedEntityRef(text: string): string | undefined {
  const entities = parseAllDocuments(text)
    .map(document => document.toJS())
    .filter(
      (e): e is { kind: string; metadata: { name: string } } =>
        typeof e?.kind === 'string' && typeof e?.metadata?.name === 'string',
    );
  const entity = entities.find(e => e.kind === 'Component') ?? entities[0];
  return entity && stringifyEntityRef(entity as never);
}

/**
 * Asks the catalog to read the `file` locations that discover the
 * repositories (`<root>/*\/catalog-info.yaml`) again now, rather than at
 * their next refresh, so the new project shows up at once. Best effort:
 * the location is read again on its schedule anyway.
 *
 * A location of `catalog.locations` is the Location entity the catalog
 * names after its spec. While the glob matches no file yet (before the
 * first project) that entity has only errors, and queries do not find it,
 * so it is refreshed by that name as well as by a query (which finds the
 * locations registered through the API).
 */
async function refreshRepositoryLocations(
  catalog: CatalogService,
  ctx: ActionContext<any, any>,
  root: string,
  logger: Pick<LoggerService, 'info' | 'warn'>,
): Promise<boolean> {
  const glob = join(root, '*', 'catalog-info.yaml');
  const configured = stringifyEntityRef({
    kind: 'Location',
    namespace: 'default',
    name: locationSpecToMetadataName({ type: 'file', target: glob }),
  });
  let credentials;
  try {
    credentials = await ctx.getInitiatorCredentials();
  } catch (error) {
    logger.warn(`Could not ask the catalog to read ${glob} again: ${error}`);
    return false;
  }
  const refs = new Set([configured]);
  try {
    const { items } = await catalog.getEntities(
      {
        filter: { kind: 'Location', 'spec.type': 'file', 'spec.target': glob },
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials },
    );
    for (const location of items) refs.add(stringifyEntityRef(location));
  } catch (error) {
    logger.warn(`Could not look up the catalog locations of ${glob}: ${error}`);
  }
  let refreshed = false;
  for (const ref of refs) {
    try {
      await catalog.refreshEntity(ref, { credentials });
      refreshed = true;
    } catch {
      // Not a location the catalog has: tried in case it is one.
    }
  }
  if (!refreshed) {
    logger.warn(
      `No catalog location reads ${glob}: register the repository's catalog-info.yaml, or add that glob to catalog.locations`,
    );
  }
  return refreshed;
}

/**
 * Creates the `data-mesh:publish:local` action: a workspace folder becomes
 * a git repository of its own under the portal's local repositories root,
 * as one commit. The embedded demo's counterpart of `publish:github`.
 *
 * @public
 */
export function createPublishLocalAction(options: {
  config: Config;
  catalog: CatalogService;
}) {
  return createTemplateAction({
    id: 'data-mesh:publish:local',
    description:
      "Creates a git repository <root>/<name> (dataMesh.localRepositories.root, default the demo's .data/repos) from a workspace folder, as one commit on the default branch by the user who ran the template; never touches an existing repository",
    examples: [
      {
        description:
          'Publish the workspace as the repository customer-insights',
        example: stringify({
          steps: [
            {
              id: 'publish',
              action: 'data-mesh:publish:local',
              name: 'Create the local repository',
              input: { name: 'customer-insights' },
            },
          ],
        }),
      },
    ],
    schema: {
      input: inputShape,
      output: {
        repoPath: zImpl =>
          zImpl.string().describe("The repository's folder (absolute)"),
        branch: zImpl => zImpl.string(),
        commit: zImpl => zImpl.string().describe('The initial commit'),
        catalogInfoPath: zImpl =>
          zImpl
            .string()
            .optional()
            .describe("The repository's catalog-info.yaml (absolute)"),
        catalogInfoLocation: zImpl =>
          zImpl
            .string()
            .optional()
            .describe('The same as a location reference: file:<path>'),
        entityRef: zImpl =>
          zImpl
            .string()
            .optional()
            .describe('The Component its catalog-info.yaml describes'),
        catalogRefreshed: zImpl =>
          zImpl
            .boolean()
            .describe(
              'Whether a catalog location reading the repositories was asked to read them again',
            ),
      },
    },
    async handler(ctx) {
      const input = parseActionInput(inputSchema, ctx.input);
      const source = workspaceFolder(
        ctx.workspacePath,
        'sourcePath',
        input.sourcePath,
      );
      const entries = await folderEntries(source);
      if (!entries || entries.filter(e => e !== '.git').length === 0) {
        throw new InputError(
          `sourcePath: '${input.sourcePath}' has no files to publish`,
        );
      }
      const root = localRepositoriesRoot(options.config);
      // The name is checked above; this also guards what the check missed.
      const target = resolveSafeChildPath(root, input.name);
      if (publishing.has(target) || existsSync(target)) {
        throw new ConflictError(
          `name: the repository '${input.name}' already exists in ${root}; choose another name`,
        );
      }
      publishing.add(target);
      let result;
      try {
        result = await seedProjectRepository({
          source,
          target,
          branch: input.defaultBranch,
          history: false,
          author: commitAuthorOf(ctx.user),
          message:
            input.gitCommitMessage ??
            `Create ${input.name}${
              ctx.templateInfo?.entityRef
                ? ` from the template ${ctx.templateInfo.entityRef}`
                : ''
            }`,
        });
      } finally {
        publishing.delete(target);
      }
      const commit = await git.resolveRef({
        fs,
        dir: result.path,
        ref: `refs/heads/${result.branch}`,
      });
      ctx.logger.info(
        `Created the repository ${result.path} (${
          result.branch
        } at ${commit.slice(0, 7)})`,
      );

      ctx.output('repoPath', result.path);
      ctx.output('branch', result.branch);
      ctx.output('commit', commit);
      const catalogInfoPath = join(result.path, 'catalog-info.yaml');
      const catalogInfo = await readFile(catalogInfoPath, 'utf8').catch(
        () => undefined,
      );
      let refreshed = false;
      if (catalogInfo !== undefined) {
        ctx.output('catalogInfoPath', catalogInfoPath);
        ctx.output('catalogInfoLocation', `file:${catalogInfoPath}`);
        const entityRef = describedEntityRef(catalogInfo);
        if (entityRef) ctx.output('entityRef', entityRef);
        refreshed = await refreshRepositoryLocations(
          options.catalog,
          ctx,
          root,
          ctx.logger,
        );
      }
      ctx.output('catalogRefreshed', refreshed);
    },
  });
}
