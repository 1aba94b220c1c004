/*
 * The CLI's side of a project folder: writing generated files and naming
 * files in messages. Reading it is shared with the backend (`projects/`).
 */

import {
  formatProjectCompilerDiagnostic,
  isGeneratedProjectPath,
  ProjectCompilerDiagnostic,
  ProjectSourceFile,
} from '@meshwork/data-mesh-common';
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { folderEntries } from '../../projects/readProjectFolder';
import { CliIo } from '../types';

/** The generated files currently in a project, from what was read. */
export function generatedFilesIn(
  files: readonly ProjectSourceFile[],
): Map<string, string> {
  return new Map(
    files
      .filter(f => isGeneratedProjectPath(f.path))
      .map(f => [f.path, f.text]),
  );
}

/**
 * Writes a file so that readers see the old content or the new, never a
 * part: a hidden temporary file next to it, then a rename over it (atomic
 * on one file system). The temporary file is removed if anything fails.
 */
export async function writeFileAtomically(
  path: string,
  content: string,
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = join(
    dirname(path),
    `.${path.split(/[\\/]/).pop()}.${randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    await writeFile(temporary, content, 'utf8');
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Removes a file, then the folders it leaves empty up to (not including) `root`. */
export async function removeGeneratedFile(
  root: string,
  path: string,
): Promise<void> {
  await rm(join(root, ...path.split('/')), { force: true });
  let folder = dirname(path);
  while (folder !== '.' && folder !== '') {
    const full = join(root, ...folder.split('/'));
    if ((await folderEntries(full)).length > 0) break;
    await rm(full, { recursive: true, force: true });
    folder = dirname(folder);
  }
}

/**
 * How a project file is named in messages: under the project folder as
 * the user gave it, so that `file:line:col` opens from the same directory.
 */
export function displayPath(root: string, path: string): string {
  return join(root, ...path.split('/'))
    .split(sep)
    .join('/');
}

/**
 * Prints diagnostics on stderr, one `file:line:col: severity: message` per
 * line; returns the number of errors.
 */
export function reportDiagnostics(
  root: string,
  diagnostics: readonly ProjectCompilerDiagnostic[],
  io: CliIo,
): number {
  for (const diagnostic of diagnostics) {
    io.stderr.write(
      `${formatProjectCompilerDiagnostic(
        diagnostic,
        displayPath(root, diagnostic.file),
      )}\n`,
    );
  }
  return diagnostics.filter(d => d.severity === 'error').length;
}

/** `1 file`, `3 files`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
