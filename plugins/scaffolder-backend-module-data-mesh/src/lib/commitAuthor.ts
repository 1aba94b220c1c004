import { parseEntityRef } from '@backstage/catalog-model';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import type { ProjectCommitAuthor } from '@meshwork/data-mesh-node';

/** Who commits when the template's user is not known (a service started it). */
const SCAFFOLDER_AUTHOR: ProjectCommitAuthor = {
  name: 'Meshwork scaffolder',
  email: 'scaffolder@users.noreply.meshwork',
};

/**
 * The name and email git records for the user who ran the template: the
 * display name and email of their User entity's profile, as the portal's
 * editors record them; the entity's name and a non-routable address where
 * the profile has none.
 */
export function commitAuthorOf(
  user: ActionContext<any, any>['user'],
): ProjectCommitAuthor {
  const ref = user?.entity ? undefined : user?.ref;
  const name =
    user?.entity?.metadata.name ?? (ref ? parseEntityRef(ref).name : undefined);
  if (!name) return SCAFFOLDER_AUTHOR;
  const profile = user?.entity?.spec?.profile;
  return {
    name: profile?.displayName ?? name,
    email: profile?.email ?? `${name}@users.noreply.meshwork`,
  };
}
