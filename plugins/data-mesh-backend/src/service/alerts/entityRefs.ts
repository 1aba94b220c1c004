import { parseEntityRef } from '@backstage/catalog-model';
import { dataProductEntityName } from '@meshwork/data-mesh-common';

/**
 * The entity ref of a team as a file names it: `sales-analytics`,
 * `default/sales-analytics` and `group:default/sales-analytics` are all
 * `group:default/sales-analytics`, the form notifications resolve.
 */
export function groupRef(owner: string): string {
  const [kind, rest] = owner.includes(':')
    ? [owner.slice(0, owner.indexOf(':')), owner.slice(owner.indexOf(':') + 1)]
    : ['group', owner];
  const name = rest.includes('/') ? rest : `default/${rest}`;
  return `${kind.toLowerCase()}:${name}`;
}

/**
 * The portal page alerts link to: the data project's Component, which shows
 * its runs, quality and freshness. Datasets have no entity of their own
 * until DataProducts are registered for them.
 */
export function entityPageLink(project: string): string {
  return `/catalog/default/component/${encodeURIComponent(project)}`;
}

/**
 * The data project's Runs tab, where a failed run's tasks and errors show
 * and the job can be run again.
 */
export function runsTabLink(project: string): string {
  return `${entityPageLink(project)}/runs`;
}

/** The page of a dataset's DataProduct, with its quality and freshness. */
export function dataProductPageLink(dataset: string): string {
  return `/catalog/default/dataproduct/${encodeURIComponent(
    dataProductEntityName(dataset),
  )}`;
}

/** The portal page of an entity ref, e.g. `/catalog/default/group/sales-analytics`. */
export function catalogLink(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
    kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(name)}`;
}
