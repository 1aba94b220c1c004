import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/**
 * Mixed @backstage releases crash the backend at start (e.g. a signals
 * plugin calling an httpRouter method its backend-defaults does not have),
 * so every @backstage package must resolve to exactly one version.
 */
describe('yarn.lock', () => {
  it('resolves every @backstage package to a single version', () => {
    const lock = parse(
      fs.readFileSync(path.resolve(__dirname, '../../../yarn.lock'), 'utf8'),
    ) as Record<string, { version?: string }>;

    const versions = new Map<string, Set<string>>();
    for (const [descriptors, entry] of Object.entries(lock)) {
      const match = /^"?(@backstage\/[^@]+)@npm:/.exec(descriptors);
      if (match && entry.version) {
        const name = match[1];
        versions.set(
          name,
          (versions.get(name) ?? new Set()).add(entry.version),
        );
      }
    }

    const mixed = [...versions]
      .filter(([, found]) => found.size > 1)
      .map(([name, found]) => `${name}: ${[...found].join(', ')}`);
    expect(versions.size).toBeGreaterThan(50);
    expect(mixed).toEqual([]);
  });
});
