import { UrlReaderService } from '@backstage/backend-plugin-api';
import { DataProjectLocation } from './dataProjectLocation';
import { LocalFolderProjectSource } from './LocalFolderProjectSource';
import { ProjectSource } from './ProjectSource';
import { UrlReaderProjectSource } from './UrlReaderProjectSource';
import type { ProjectGit } from './git/ProjectGit';

/**
 * How {@link projectSourceAt} reads data projects.
 *
 * @public
 */
export interface ProjectSourceOptions {
  urlReader: UrlReaderService;
  /** How long a repository's last read is reused without asking. */
  recheckAfterMs?: number;
  /**
   * The repository of a project folder's URL, where the portal can read
   * history and commit (e.g. `GithubProjectGit.fromUrl`); undefined where
   * it cannot.
   */
  repositoryAt?: (url: string) => ProjectGit | undefined;
}

/**
 * The {@link ProjectSource} that reads a data project where
 * {@link dataProjectLocation} found it: a local folder, or a repository
 * folder through the `UrlReaderService`.
 *
 * @public
 */
export function projectSourceAt(
  location: DataProjectLocation,
  options: ProjectSourceOptions,
): ProjectSource {
  return location.type === 'dir'
    ? new LocalFolderProjectSource(location.target)
    : new UrlReaderProjectSource(options.urlReader, location.target, {
        recheckAfterMs: options.recheckAfterMs,
        git: options.repositoryAt?.(location.target),
      });
}

/**
 * The sources of the data projects a listing found, kept across listings:
 * a project that stays where it was keeps its source, and with it the
 * source's last read, so reading unchanged files again stays cheap.
 *
 * @public
 */
export class DataProjectSources {
  private readonly sources = new Map<string, ProjectSource>();

  constructor(private readonly options: ProjectSourceOptions) {}

  /** The source of the project (by a key naming it) at this location. */
  sourceOf(project: string, location: DataProjectLocation): ProjectSource {
    const key = `${project}\n${location.type}:${location.target}`;
    let source = this.sources.get(key);
    if (!source) {
      source = projectSourceAt(location, this.options);
      // A moved project leaves its old source behind; drop it.
      for (const old of this.sources.keys()) {
        if (old.startsWith(`${project}\n`)) this.sources.delete(old);
      }
      this.sources.set(key, source);
    }
    return source;
  }
}
