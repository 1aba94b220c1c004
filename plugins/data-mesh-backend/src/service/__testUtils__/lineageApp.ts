import {
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthenticationError, isError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { ImpactSubscriberLookup } from '@meshwork/data-mesh-common';
import express from 'express';
import { createOpenApiRouter } from '../../schema/openapi/generated';
import { createLineageRouter } from '../api/createLineageRouter';
import { DataProjectAuthorizer } from '../permissions/DataProjectAuthorizer';
import type { CompiledProjects } from '../projects/compiledProjects';
import { ProjectRepository } from '../projects/ProjectRepository';

/** Whether a user may read a data project. */
export type ReadRule = (user: string, project: string) => boolean;

/** The Authorization header naming a user, as {@link lineageApp} reads it. */
export const userHeader = (user: string) => `Bearer ${user}`;

/** Every request is the user its bearer token names; none is a 401. */
const bearerAuth = {
  async credentials(req: express.Request) {
    const ref = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!ref) throw new AuthenticationError('Missing credentials');
    return {
      $$type: '@backstage/BackstageCredentials',
      principal: { type: 'user', userEntityRef: ref },
    } as BackstageCredentials<BackstageUserPrincipal>;
  },
} as unknown as HttpAuthService;

/** A permission service that lets a user read the projects `canRead` says. */
function readPermissions(canRead: ReadRule): PermissionsService {
  return {
    async authorize(requests, { credentials }) {
      const user = (credentials.principal as BackstageUserPrincipal)
        .userEntityRef;
      return requests.map(request => {
        const project = (request as { resourceRef?: string }).resourceRef;
        return {
          result:
            project !== undefined && canRead(user, project)
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        };
      });
    },
    async authorizeConditional() {
      throw new Error('not used by the lineage API');
    },
  };
}

const STATUS: Record<string, number> = {
  InputError: 400,
  AuthenticationError: 401,
  NotAllowedError: 403,
  NotFoundError: 404,
};

/**
 * The lineage endpoints as the data-mesh router serves them (the
 * contract's request validation, then the handlers), in an express app of
 * their own: for router tests and the lineage bench, with projects and
 * permissions the caller chooses.
 */
export async function lineageApp(options: {
  projects: ProjectRepository;
  compiledProjects?: CompiledProjects;
  canRead?: ReadRule;
  subscribers?: ImpactSubscriberLookup;
}): Promise<express.Express> {
  const { projects } = options;
  const authorizer = new DataProjectAuthorizer({
    httpAuth: bearerAuth,
    permissions: readPermissions(options.canRead ?? (() => true)),
    projects,
  });
  const api = await createOpenApiRouter({
    validatorOptions: { formats: { 'year-month': /^\d{4}-(0[1-9]|1[0-2])$/ } },
  });
  api.use(createLineageRouter({ ...options, authorizer }));
  const app = express();
  app.use('/api/data-mesh', api);
  app.use(
    (
      error: unknown,
      _req: express.Request,
      res: express.Response,
      _next: express.NextFunction,
    ) => {
      const name = isError(error) ? error.name : 'Error';
      res.status(STATUS[name] ?? 500).json({
        error: { name, message: isError(error) ? error.message : `${error}` },
      });
    },
  );
  return app;
}
