import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import useAsync from 'react-use/esm/useAsync';

/** The signed-in user and the teams (groups) they may act for. */
export interface UserTeams {
  userEntityRef: string;
  /** Group entity refs, complete and lower case, in the identity's order. */
  teams: string[];
}

/** Group refs among ownership claims, in one spelling to compare them by. */
export function teamsOf(ownershipEntityRefs: string[]): string[] {
  const teams = new Set<string>();
  for (const ref of ownershipEntityRefs) {
    try {
      const parsed = parseEntityRef(ref, { defaultKind: 'group' });
      if (parsed.kind.toLocaleLowerCase('en-US') === 'group') {
        teams.add(stringifyEntityRef(parsed).toLocaleLowerCase('en-US'));
      }
    } catch {
      // A claim that is no entity ref names no team to act for.
    }
  }
  return [...teams];
}

/** Normalises an entity ref to compare it with {@link UserTeams.teams}. */
export function normalizeRef(ref: string, defaultKind: string): string {
  return stringifyEntityRef(
    parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
  ).toLocaleLowerCase('en-US');
}

/** The signed-in user's teams, read from their Backstage identity. */
export function useUserTeams() {
  const identityApi = useApi(identityApiRef);
  return useAsync(async (): Promise<UserTeams> => {
    const identity = await identityApi.getBackstageIdentity();
    return {
      userEntityRef: identity.userEntityRef,
      teams: teamsOf(identity.ownershipEntityRefs),
    };
  }, [identityApi]);
}
