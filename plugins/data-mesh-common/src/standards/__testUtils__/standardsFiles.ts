import fs from 'fs';
import path from 'path';
import type { ProjectSourceFile } from '../../projectCompiler/types';
import { loadStandardsLibrary } from '../loadStandardsLibrary';
import type { StandardsLibrary } from '../types';

/** The repository's standards library folder. */
export const STANDARDS_ROOT = path.resolve(
  __dirname,
  '../../../../../templates/standards',
);

/** The files of one version of the repository's library, paths relative to its folder. */
export function standardsFiles(version: string): ProjectSourceFile[] {
  const root = path.join(STANDARDS_ROOT, version);
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? walk(full) : [full];
    });
  return walk(root).map(full => ({
    path: path.relative(root, full).split(path.sep).join('/'),
    text: fs.readFileSync(full, 'utf8'),
  }));
}

/** One version of the repository's library, loaded; fails the test if it has errors. */
export function repositoryStandards(version: string): StandardsLibrary {
  const { library, diagnostics } = loadStandardsLibrary(
    version,
    standardsFiles(version),
  );
  if (!library) {
    throw new Error(
      `standards ${version} do not load: ${JSON.stringify(diagnostics)}`,
    );
  }
  return library;
}
