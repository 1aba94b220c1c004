import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  parseEntityRef,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** An entity reference of the given kind, or an InputError naming the field. */
export function entityRefOfKind(
  field: string,
  ref: string,
  kind: string,
): CompoundEntityRef {
  let parsed: CompoundEntityRef;
  try {
    parsed = parseEntityRef(ref, {
      defaultKind: kind,
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new InputError(`${field}: '${ref}' is not an entity reference`);
  }
  if (
    parsed.kind.toLocaleLowerCase('en-US') !== kind.toLocaleLowerCase('en-US')
  ) {
    throw new InputError(
      `${field}: '${ref}' is a ${parsed.kind}, expected a ${kind}`,
    );
  }
  return parsed;
}

/**
 * The Group a reference names (`sales-analytics`, `group:default/sales`),
 * as the catalog holds it; an InputError naming the field when the catalog
 * has no such team, so a project is never created for one.
 */
export async function requireGroup(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  field: string,
  ref: string,
): Promise<Entity> {
  const parsed = entityRefOfKind(field, ref, 'Group');
  const entity = await catalog.getEntityByRef(parsed, { credentials });
  if (!entity) {
    throw new InputError(
      `${field}: the catalog has no team ${stringifyEntityRef(parsed)}`,
    );
  }
  return entity;
}

/** The groups a User entity is a member of, as entity refs. */
function groupsOf(user: Entity): Set<string> {
  const groups = new Set<string>();
  for (const relation of user.relations ?? []) {
    if (relation.type === RELATION_MEMBER_OF) groups.add(relation.targetRef);
  }
  const declared = (user.spec as { memberOf?: unknown } | undefined)?.memberOf;
  if (Array.isArray(declared)) {
    for (const group of declared) {
      if (typeof group !== 'string') continue;
      try {
        groups.add(
          stringifyEntityRef(
            parseEntityRef(group, {
              defaultKind: 'group',
              defaultNamespace: user.metadata.namespace ?? 'default',
            }),
          ),
        );
      } catch {
        // Not a reference: the catalog reports it on the User itself.
      }
    }
  }
  return groups;
}

/**
 * Refuses to act for a team on behalf of someone outside it: the user who
 * runs the template must be a member of `team`, or of the platform team,
 * which looks after every team's projects (as the data-mesh permission
 * policy has it for editing them).
 */
export async function requireTeamMember(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  options: {
    field: string;
    userRef: string | undefined;
    team: string;
    platformTeam: string;
  },
): Promise<void> {
  const { field, userRef, team, platformTeam } = options;
  const user = userRef
    ? await catalog.getEntityByRef(userRef, { credentials })
    : undefined;
  const groups = user ? groupsOf(user) : new Set<string>();
  if (!groups.has(team) && !groups.has(platformTeam)) {
    throw new NotAllowedError(
      `${field}: ${
        userRef ?? 'a task without a signed-in user'
      } is not a member of ${team} (nor of the platform team ${platformTeam}); a project is created by its own team`,
    );
  }
}
