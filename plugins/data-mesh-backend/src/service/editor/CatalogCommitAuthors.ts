import { AuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type { ProjectCommitAuthor } from '@meshwork/data-mesh-node';

/**
 * The name and email git records for a user: the display name and email
 * of the User entity's profile, as GitHub would show the author; the
 * entity's name and a non-routable address where the profile has none.
 */
export class CatalogCommitAuthors {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
    },
  ) {}

  async authorOf(userEntityRef: string): Promise<ProjectCommitAuthor> {
    const { name } = parseEntityRef(userEntityRef);
    const entity = await this.options.catalog.getEntityByRef(userEntityRef, {
      credentials: await this.options.auth.getOwnServiceCredentials(),
    });
    const profile = (entity?.spec?.profile ?? {}) as {
      displayName?: unknown;
      email?: unknown;
    };
    return {
      name:
        typeof profile.displayName === 'string' ? profile.displayName : name,
      email:
        typeof profile.email === 'string'
          ? profile.email
          : `${name}@users.noreply.meshwork`,
    };
  }
}
