import { LoggerService } from '@backstage/backend-plugin-api';
import { DEFAULT_NAMESPACE, parseEntityRef } from '@backstage/catalog-model';
import type { ProjectManifest } from '@meshwork/data-mesh-common';
import type { ProjectRepository } from './ProjectRepository';

/**
 * A compiled data project. Its manifest is the very same object while the
 * project's files are unchanged (see `ProjectRepository.manifest`), so it
 * doubles as the project's version.
 */
export interface CompiledProject {
  readonly name: string;
  /** The catalog namespace of its Component, and so of its DataProducts. */
  readonly namespace: string;
  readonly manifest: ProjectManifest;
}

/** Every data project the backend knows, compiled. */
export interface CompiledProjects {
  list(): Promise<readonly CompiledProject[]>;
}

/**
 * The data projects of the repository, each compiled from its files as
 * they are now. A project whose files cannot be read (a repository that is
 * away) is left out with a warning rather than failing every caller.
 */
export function repositoryCompiledProjects(
  projects: ProjectRepository,
  logger?: LoggerService,
): CompiledProjects {
  return {
    async list() {
      const compiled = await Promise.all(
        (
          await projects.list()
        ).map(async project => {
          try {
            return {
              name: project.name,
              namespace: project.entityRef
                ? parseEntityRef(project.entityRef).namespace
                : DEFAULT_NAMESPACE,
              manifest: await projects.manifest(project.name),
            };
          } catch (error) {
            logger?.warn(
              `Data project '${project.name}' is left out of lineage: ${error}`,
            );
            return undefined;
          }
        }),
      );
      return compiled.filter((p): p is CompiledProject => p !== undefined);
    },
  };
}
