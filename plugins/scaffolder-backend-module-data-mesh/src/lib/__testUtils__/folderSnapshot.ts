import fs from 'node:fs';
import path from 'node:path';

/**
 * Every file and folder under `root` with its content (folders as `/`),
 * hidden ones included: equal snapshots before and after mean nothing was
 * written, not even a temporary file left behind. `withoutGit` leaves a
 * repository's `.git` out: the work tree only.
 */
export function folderSnapshot(
  root: string,
  options: { withoutGit?: boolean } = {},
): Record<string, string> {
  const snapshot: Record<string, string> = {};
  if (!fs.existsSync(root)) return snapshot;
  for (const entry of fs.readdirSync(root, { recursive: true })) {
    const inGit = String(entry).split(path.sep)[0] === '.git';
    if (options.withoutGit && inGit) continue;
    const full = path.join(root, String(entry));
    snapshot[String(entry)] = fs.statSync(full).isDirectory()
      ? '/'
      : fs.readFileSync(full, 'base64');
  }
  return snapshot;
}
