import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ScmIntegrationRegistry } from '@backstage/integration';
import {
  dataProjectLocation,
  DataProjectLocation,
} from './dataProjectLocation';

/**
 * A data project as its catalog Component registers it.
 *
 * @public
 */
export interface ComponentDataProject {
  /** The project's name: the Component's `metadata.name`. */
  readonly name: string;
  /** The Component's entity ref. */
  readonly entityRef: string;
  /** The Component itself. */
  readonly entity: Entity;
  /** Where the project's files are. */
  readonly location: DataProjectLocation;
}

/**
 * The data projects that catalog Components of `spec.type: data-project`
 * register, sorted by entity ref, and a message for each Component that
 * registers none: its `meshwork.io/project-repo` annotation is missing or
 * wrong, or another Component (first in entity ref order, so always the
 * same one) already has its name: data projects are known by name alone.
 *
 * @public
 */
export function dataProjectsOfComponents(
  components: readonly Entity[],
  integrations: ScmIntegrationRegistry,
): { projects: ComponentDataProject[]; skipped: string[] } {
  const sorted = components
    .map(entity => ({ entity, entityRef: stringifyEntityRef(entity) }))
    .sort((a, b) => a.entityRef.localeCompare(b.entityRef));
  const projects: ComponentDataProject[] = [];
  const skipped: string[] = [];
  for (const { entity, entityRef } of sorted) {
    const { name } = entity.metadata;
    if (projects.some(p => p.name === name)) {
      skipped.push(
        `Data project ${entityRef} skipped: another Component is named ${name} (data projects are known by name alone)`,
      );
      continue;
    }
    try {
      const location = dataProjectLocation(entity, integrations);
      projects.push({ name, entityRef, entity, location });
    } catch (error) {
      skipped.push(`Data project skipped: ${(error as Error).message}`);
    }
  }
  return { projects, skipped };
}
