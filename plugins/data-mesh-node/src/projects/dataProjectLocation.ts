import {
  Entity,
  getEntitySourceLocation,
  parseLocationRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { ANNOTATION_PROJECT_REPO } from '@meshwork/data-mesh-common';
import path from 'node:path';

/**
 * Where a data project's files are: a local folder (`dir`, an absolute
 * path) or a folder in a repository that the `UrlReaderService` reads
 * (`url`).
 *
 * @public
 */
export interface DataProjectLocation {
  readonly type: 'dir' | 'url';
  readonly target: string;
}

/**
 * Where the data project of a catalog Component is, from its
 * `meshwork.io/project-repo` annotation: a location reference read the way
 * TechDocs reads `backstage.io/techdocs-ref`.
 *
 * - `url:<url>`: the project's root folder in a repository, e.g.
 *   `url:https://github.com/acme/sales-data/tree/main/hello-world`.
 * - `dir:<path>`: relative to the file the Component came from (its
 *   source location, else `backstage.io/managed-by-location`): a folder
 *   next to a local catalog file, or a folder of the repository that holds
 *   the catalog-info.yaml.
 *
 * Unlike TechDocs, a `dir:` next to a local catalog file may lead out of
 * the catalog file's folder (`dir:../examples/hello-world`): local catalog
 * files are the portal operator's own configuration, and only project
 * files are read from the folder.
 *
 * Throws an InputError saying what is wrong with the annotation.
 *
 * @public
 */
export function dataProjectLocation(
  entity: Entity,
  integrations: ScmIntegrationRegistry,
): DataProjectLocation {
  const what = `${stringifyEntityRef(
    entity,
  )}: annotation ${ANNOTATION_PROJECT_REPO}`;
  const annotation = entity.metadata.annotations?.[ANNOTATION_PROJECT_REPO];
  if (!annotation) throw new InputError(`${what} is missing`);
  let reference: { type: string; target: string };
  try {
    reference = parseLocationRef(annotation);
  } catch {
    throw new InputError(
      `${what} '${annotation}' is not a location reference: expected dir:<path> or url:<url>`,
    );
  }
  switch (reference.type) {
    case 'url':
      if (!URL.canParse(reference.target)) {
        throw new InputError(`${what}: '${reference.target}' is not a URL`);
      }
      return { type: 'url', target: reference.target };
    case 'dir':
      return resolveDir(entity, reference.target, integrations, what);
    default:
      throw new InputError(
        `${what} '${annotation}' has type '${reference.type}': expected dir:<path> or url:<url>`,
      );
  }
}

function resolveDir(
  entity: Entity,
  dir: string,
  integrations: ScmIntegrationRegistry,
  what: string,
): DataProjectLocation {
  let base;
  try {
    base = getEntitySourceLocation(entity);
  } catch {
    throw new InputError(
      `${what}: dir:${dir} needs the location the entity came from, and it has none`,
    );
  }
  switch (base.type) {
    case 'url':
      return {
        type: 'url',
        target: integrations.resolveUrl({ url: dir, base: base.target }),
      };
    case 'file':
      return {
        type: 'dir',
        target: path.resolve(path.dirname(base.target), dir),
      };
    default:
      throw new InputError(
        `${what}: dir:${dir} cannot be resolved against a '${base.type}' location (${base.target})`,
      );
  }
}
