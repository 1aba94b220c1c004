import {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  dataProjectReadPermission,
  RESOURCE_TYPE_DATA_PROJECT,
} from '@meshwork/data-mesh-common';
import type { ProjectRepository } from '../projects/ProjectRepository';

type ProjectPermission = ResourcePermission<typeof RESOURCE_TYPE_DATA_PROJECT>;

/** Who may call an endpoint: users, or other backends as well. */
type Callers = 'user' | 'user-or-service';

/** Any express request, typed routers' included, as httpAuth takes it. */
type Request = Parameters<HttpAuthService['credentials']>[0];

type Caller = BackstageCredentials<
  BackstageUserPrincipal | BackstageServicePrincipal
>;

/**
 * The data-mesh endpoints' one way to decide who may do what with a data
 * project, through the Backstage permission framework: 401 without
 * credentials, 404 for a project that does not exist, 403 when the
 * company's permission policy denies it.
 */
export class DataProjectAuthorizer {
  constructor(
    private readonly options: {
      readonly httpAuth: HttpAuthService;
      readonly permissions: PermissionsService;
      readonly projects: ProjectRepository;
    },
  ) {}

  /** The caller's credentials; 401 without them. */
  async credentials(
    req: Request,
    callers: 'user',
  ): Promise<BackstageCredentials<BackstageUserPrincipal>>;
  async credentials(req: Request, callers: Callers): Promise<Caller>;
  async credentials(req: Request, callers: Callers): Promise<Caller> {
    return this.options.httpAuth.credentials(req, {
      allow: callers === 'user' ? ['user'] : ['user', 'service'],
    });
  }

  /** Throws unless the caller may do `permission` on the project. */
  async authorize(
    credentials: Caller,
    permission: ProjectPermission,
    project: string,
  ): Promise<void> {
    // An unknown project is a 404 before it is anything else; its name is
    // the caller's own input, so saying it does not exist leaks nothing.
    if (!(await this.allows(credentials, permission, project))) {
      throw new NotAllowedError(
        `You may not ${describe(permission)} the data project '${project}'`,
      );
    }
  }

  /**
   * Whether the caller may do `permission` on the project, for answers
   * that say what the caller may do (e.g. whether to offer "Run now");
   * NotFoundError for a project that does not exist.
   */
  async allows(
    credentials: Caller,
    permission: ProjectPermission,
    project: string,
  ): Promise<boolean> {
    await this.options.projects.owners(project);
    const [decision] = await this.options.permissions.authorize(
      [{ permission, resourceRef: project }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  /**
   * The projects whose facts the caller may read: all data projects
   * the policy allows, or just `project` when one is asked for (403 if it
   * may not be read).
   */
  async readableProjects(
    credentials: Caller,
    project?: string,
  ): Promise<string[]> {
    if (project !== undefined) {
      await this.authorize(credentials, dataProjectReadPermission, project);
      return [project];
    }
    const names = (await this.options.projects.list()).map(p => p.name);
    if (names.length === 0) return [];
    const decisions = await this.options.permissions.authorize(
      names.map(name => ({
        permission: dataProjectReadPermission,
        resourceRef: name,
      })),
      { credentials },
    );
    return names.filter(
      (_, i) => decisions[i].result === AuthorizeResult.ALLOW,
    );
  }

  /**
   * Every data project on which the caller may do `permission`, e.g. the
   * projects it may run: its teams' projects, or all of them for the
   * platform team under the recommended policy.
   */
  async allowedProjects(
    credentials: Caller,
    permission: ProjectPermission,
  ): Promise<string[]> {
    const names = (await this.options.projects.list()).map(p => p.name);
    if (names.length === 0) return [];
    const decisions = await this.options.permissions.authorize(
      names.map(name => ({ permission, resourceRef: name })),
      { credentials },
    );
    return names.filter(
      (_, i) => decisions[i].result === AuthorizeResult.ALLOW,
    );
  }
}

function describe(permission: ProjectPermission): string {
  switch (permission.name) {
    case 'data-mesh.project.read':
      return 'read';
    case 'data-mesh.project.run':
      return 'run the jobs of';
    case 'data-mesh.project.edit':
      return 'edit or preview the pipelines of';
    default:
      return `do '${permission.name}' on`;
  }
}
