import type {
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
 * Decides whether a user sees the personal data of a dataset unmasked in
 * previews. The one place that decision is made, so that approved
 * subscriptions can extend it later: today only the owning team does,
 * that is members of the dataset's owner or of the project's owner.
 */
export class PreviewAccessPolicy {
  async canSeeUnmasked({
    user,
    project,
    dataset,
  }: UnmaskRequest): Promise<boolean> {
    const owners = [dataset.owner, project?.owner].flatMap(owner => (owner ? [normalizeRef(owner)] : []));
    const mine = new Set(user.ownershipEntityRefs.map(normalizeRef));
    return owners.some(owner => mine.has(owner));
  }
}
