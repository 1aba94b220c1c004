import fs from 'node:fs';
import path from 'node:path';
import type { PipelineSource } from '../../../api';

const STANDARDS_ROOT = path.resolve(
  __dirname,
  '../../../../../../templates/standards',
);

/** One version of the repository's standards library as the source endpoint sends it. */
export function repositoryStandardsSource(
  version: string,
): NonNullable<PipelineSource['standards']> {
  const root = path.join(STANDARDS_ROOT, version);
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? walk(full) : [full];
    });
  return {
    version,
    files: walk(root).map(full => ({
      path: path.relative(root, full).split(path.sep).join('/'),
      text: fs.readFileSync(full, 'utf8'),
    })),
  };
}
