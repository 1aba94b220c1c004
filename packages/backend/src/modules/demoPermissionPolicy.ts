import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { decideDataMeshPermission } from '@meshwork/data-mesh-node';

/** The config key naming the group that may run and edit every project. */
export const PLATFORM_TEAM_CONFIG_KEY = 'dataMesh.permissions.platformTeam';

/**
 * The demo portal's roles: a data project's owning team and the platform
 * team run and edit it, everyone signed in reads it, and everything that is
 * not Meshwork's stays as open as Backstage's allow-all policy left it.
 */
export class DemoPermissionPolicy implements PermissionPolicy {
  static fromConfig(config: Config): DemoPermissionPolicy {
    return new DemoPermissionPolicy(
      config.getOptionalString(PLATFORM_TEAM_CONFIG_KEY) ??
        'group:default/platform-team',
    );
  }

  constructor(private readonly platformTeam: string) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    return (
      decideDataMeshPermission(request, user, {
        platformTeam: this.platformTeam,
      }) ?? { result: AuthorizeResult.ALLOW }
    );
  }
}

/** Installs {@link DemoPermissionPolicy} as the portal's permission policy. */
export const permissionModuleDemoPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'demo-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(DemoPermissionPolicy.fromConfig(config));
      },
    });
  },
});
