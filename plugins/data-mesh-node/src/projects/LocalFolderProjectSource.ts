import { ProjectSourceFile } from '@meshwork/data-mesh-common';
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  ProjectSource,
  ProjectSourceRead,
  ProjectSourceReadOptions,
} from './ProjectSource';
import { LocalProjectGit } from './git/LocalProjectGit';
import { projectLocations } from './projectPaths';
import { readProjectAtGitRef } from './readProjectAtGitRef';
import { readProjectFolder } from './readProjectFolder';

/**
 * A data project in a local folder (a git work tree): the embedded default.
 * Each read sees the files as they are now, so a commit or a local edit
 * shows up without a restart; the files are read again only when a stat of
 * the project's folders and files shows a change.
 *
 * @public
 */
export class LocalFolderProjectSource implements ProjectSource {
  /** The project folder, as an absolute path. */
  readonly location: string;

  /** The last read of all files and of the sources, with their signature. */
  private readonly lastReads = new Map<
    boolean,
    { signature: string; read: ProjectSourceRead }
  >();

  /** The folder's repository, for the editor's commits. */
  readonly git: LocalProjectGit;

  /** @param folder - the project folder, relative to the working directory or absolute */
  constructor(folder: string) {
    this.location = resolve(folder);
    this.git = new LocalProjectGit(this.location);
  }

  /** The project's files as they are now; see {@link ProjectSource.read}. */
  async read(
    options: ProjectSourceReadOptions = {},
  ): Promise<ProjectSourceRead> {
    const sourcesOnly = options.sourcesOnly ?? false;
    // Taken before reading: a write during the read changes it again.
    const signature = statSignature(this.location, sourcesOnly);
    const last = this.lastReads.get(sourcesOnly);
    if (last?.signature === signature) return last.read;
    const files = await readProjectFolder(this.location, { sourcesOnly });
    const etag = contentEtag(files);
    // A touch, or a hidden file coming and going, changes nothing read.
    const read = last?.read.etag === etag ? last.read : { files, etag };
    this.lastReads.set(sourcesOnly, { signature, read });
    return read;
  }

  /** The files at a ref of the folder's repository; see {@link ProjectSource.readAtRef}. */
  async readAtRef(
    ref: string,
    options: ProjectSourceReadOptions = {},
  ): Promise<readonly ProjectSourceFile[]> {
    return readProjectAtGitRef(this.location, ref, options);
  }
}

/**
 * What changes when any project file is written, added, removed or
 * renamed: the inode, size and times of each folder and file. Modification
 * times have nanosecond resolution on the file systems we run on, and an
 * editor's or git's write-and-rename changes the inode. Synchronous on
 * purpose: a few dozen stats take a fraction of a millisecond, far less
 * than as many round trips through the thread pool.
 */
function statSignature(root: string, sourcesOnly: boolean): string {
  const parts: string[] = [];
  const visit = (path: string) => {
    const info = statSync(join(root, path), { throwIfNoEntry: false });
    if (!info) return;
    parts.push(
      `${path}\t${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}`,
    );
    if (!info.isDirectory()) return;
    let names: string[];
    try {
      names = readdirSync(join(root, path));
    } catch {
      // Unreadable now: the read that follows reports it.
      names = [];
    }
    for (const name of names.sort()) {
      // Hidden files are not project files (see readProjectFolder).
      if (!name.startsWith('.')) visit(`${path}/${name}`);
    }
  };
  const { rootFiles, folders } = projectLocations(sourcesOnly);
  for (const location of [...rootFiles, ...folders]) visit(location);
  return parts.join('\n');
}

/** A hash of the paths and texts read. */
function contentEtag(files: readonly ProjectSourceFile[]): string {
  const hash = createHash('sha256');
  for (const file of files) {
    hash
      .update(`${file.path}\0${Buffer.byteLength(file.text)}\0`)
      .update(file.text);
  }
  return hash.digest('hex');
}
