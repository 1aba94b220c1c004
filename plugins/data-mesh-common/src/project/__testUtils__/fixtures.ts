import fs from 'fs';
import path from 'path';
import { ProjectFileKind, projectFileKindOf } from '../fileKinds';

const VALID_ROOT = path.resolve(__dirname, '../__fixtures__/valid');

/** A file of the valid fixture project. */
export interface Fixture {
  readonly kind: ProjectFileKind;
  /** Relative to the project root, as diagnostics show it. */
  readonly fileName: string;
  readonly text: string;
}

function walk(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(directory, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

/** Every file of `__fixtures__/valid`, a project that uses every gem and file kind. */
export function validFixtures(): Fixture[] {
  return walk(VALID_ROOT)
    .map(full => path.relative(VALID_ROOT, full).split(path.sep).join('/'))
    .sort()
    .map(fileName => ({
      kind: projectFileKindOf(fileName)!,
      fileName,
      text: fs.readFileSync(path.join(VALID_ROOT, fileName), 'utf8'),
    }));
}

/** One fixture by file name. */
export function validFixture(fileName: string): Fixture {
  const fixture = validFixtures().find(f => f.fileName === fileName);
  if (!fixture) throw new Error(`no fixture ${fileName}`);
  return fixture;
}
