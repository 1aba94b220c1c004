import {
  isPiiColumn,
  ManifestDatasetDeclaration,
  ManifestProject,
} from '@meshwork/data-mesh-common';

/** Who is looking at a preview: their entity ref and what they own through. */
export interface PreviewViewer {
  readonly userEntityRef: string;
  /** The user and the groups they belong to (`userInfo.ownershipEntityRefs`). */
  readonly ownershipEntityRefs: readonly string[];
}

/**
 * One dataset whose personal data a preview would show, and its project,
 * as the project's manifest describes them.
 */
export interface UnmaskRequest {
  readonly user: PreviewViewer;
  /** Absent when the project's `meshwork.yaml` does not parse. */
  readonly project: ManifestProject | undefined;
  readonly dataset: ManifestDatasetDeclaration;
  /**
   * The one column asked about; without it, all of the dataset's personal
   * data.
   */
  readonly column?: string;
}

/** A user's access to a dataset's data, and whose it is. */
export type DatasetAccess =
  | { readonly kind: 'owner' }
  | {
      readonly kind: 'subscriber';
      /** The columns their teams' grants cover, in contract order. */
      readonly columns: readonly string[];
    };

/**
 * The approved subscriptions whose grants are applied, of any of `teams`,
 * to a dataset (the subscriptions' store).
 */
export interface GrantedSubscriptions {
  listGranted(filter: {
    project: string;
    dataset: string;
    teams: readonly string[];
  }): Promise<ReadonlyArray<{ readonly columns?: readonly string[] }>>;
}

/** `sales-analytics` → `group:default/sales-analytics`, compared case-insensitively. */
function normalizeRef(ref: string): string {
  const withKind = ref.includes(':') ? ref : `group:${ref}`;
  const [kind, rest] = [
    withKind.slice(0, withKind.indexOf(':')),
    withKind.slice(withKind.indexOf(':') + 1),
  ];
  return `${kind}:${
    rest.includes('/') ? rest : `default/${rest}`
  }`.toLowerCase();
}

/**
 * Decides what of a dataset's data a user sees, in previews and samples:
 * the one place that decision is made. The owning team (members of the
 * dataset's owner or of the project's owner) sees all of it; a team with
 * an approved subscription whose grant is applied sees the columns it was
 * granted, personal data included. That is how access is enforced on an
 * engine without users of its own (the embedded DuckDB), where the grant
 * is the portal's record alone.
 */
export class PreviewAccessPolicy {
  constructor(
    private readonly options: {
      readonly subscriptions?: GrantedSubscriptions;
    } = {},
  ) {}

  async canSeeUnmasked(request: UnmaskRequest): Promise<boolean> {
    const access = await this.datasetAccess(request);
    if (!access) return false;
    if (access.kind === 'owner') return true;
    const covered = new Set(access.columns);
    const asked =
      request.column !== undefined
        ? [request.column]
        : request.dataset.contract.columns
            .filter(isPiiColumn)
            .map(column => column.name);
    return asked.every(column => covered.has(column));
  }

  /** The user's access to the dataset, or undefined for none at all. */
  async datasetAccess({
    user,
    project,
    dataset,
  }: Omit<UnmaskRequest, 'column'>): Promise<DatasetAccess | undefined> {
    const owners = [dataset.owner, project?.owner].flatMap(owner =>
      owner ? [normalizeRef(owner)] : [],
    );
    const mine = new Set(user.ownershipEntityRefs.map(normalizeRef));
    if (owners.some(owner => mine.has(owner))) return { kind: 'owner' };

    const { subscriptions } = this.options;
    const teams = [...mine].filter(ref => ref.startsWith('group:'));
    if (!subscriptions || !project || teams.length === 0) return undefined;
    const granted = await subscriptions.listGranted({
      project: project.name,
      dataset: dataset.name,
      teams,
    });
    if (granted.length === 0) return undefined;
    // Several teams of the user may subscribe: they see what any grants.
    const all = granted.some(subscription => !subscription.columns);
    const named = new Set(granted.flatMap(s => s.columns ?? []));
    return {
      kind: 'subscriber',
      columns: dataset.contract.columns
        .map(column => column.name)
        .filter(column => all || named.has(column)),
    };
  }
}
