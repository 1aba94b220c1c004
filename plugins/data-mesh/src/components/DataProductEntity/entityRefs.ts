import {
  CompoundEntityRef,
  DEFAULT_NAMESPACE,
  Entity,
  parseEntityRef,
} from '@backstage/catalog-model';

/**
 * A reference from a DataProduct's spec made complete. Specs may name
 * another entity in short (`sales` for the domain, as catalog YAML allows),
 * but the catalog's links need the kind and namespace spelled out; a
 * reference that cannot be read is left out rather than breaking the page.
 */
export function completeEntityRef(
  ref: string | undefined,
  defaultKind: string,
  from: Entity,
): CompoundEntityRef | undefined {
  if (!ref) {
    return undefined;
  }
  try {
    return parseEntityRef(ref, {
      defaultKind,
      defaultNamespace: from.metadata.namespace ?? DEFAULT_NAMESPACE,
    });
  } catch {
    return undefined;
  }
}
