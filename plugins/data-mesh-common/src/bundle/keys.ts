/**
 * Task keys may have at most 100 characters; this leaves room for the
 * numbered suffix that {@link uniqueSnakeKeys} may add.
 */
const MAX_KEY_LENGTH = 90;

/**
 * Turns a display name into a Databricks resource or task key:
 * `DailySummary` → `daily_summary`, `Join-customers-redo` →
 * `join_customers_redo`, `Job Test` → `job_test`.
 *
 * Keys end up in YAML maps, file names and `${resources.jobs.<key>}`
 * references, so they are kept to `[a-z0-9_]`, starting with a letter.
 *
 * @public
 */
export function toSnakeKey(name: string, fallback = 'item'): string {
  const key = name
    // Split camelCase and PascalCase words: "ComputeSales" → "Compute_Sales",
    // "HTTPServer" → "HTTP_Server".
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX_KEY_LENGTH)
    .replace(/_+$/, '');
  if (key === '') {
    return fallback;
  }
  return /^[a-z]/.test(key) ? key : `${fallback}_${key}`;
}

/**
 * Derives a unique snake_case key for each name, in order: a name whose key
 * is already taken gets `_2`, `_3`, … so that the result is deterministic.
 *
 * @returns the keys, index-aligned with `names`.
 * @public
 */
export function uniqueSnakeKeys(names: string[], fallback = 'item'): string[] {
  const taken = new Set<string>();
  return names.map(name => {
    const base = toSnakeKey(name, fallback);
    let key = base;
    for (let n = 2; taken.has(key); n++) {
      key = `${base}_${n}`;
    }
    taken.add(key);
    return key;
  });
}

/**
 * The bundle's key of each job, index-aligned with `jobNames` in the order
 * the jobs are given to `generateBundle` (which decides which of two
 * clashing names gets `_2`): the job is `resources.jobs.<key>`, in
 * `resources/<key>.job.yml`.
 *
 * @public
 */
export function bundleJobKeys(jobNames: readonly string[]): string[] {
  return uniqueSnakeKeys([...jobNames], 'job');
}

/**
 * The bundle's `task_key` of each task of one job, index-aligned with the
 * task keys of the job file in file order (not run order).
 *
 * @public
 */
export function bundleTaskKeys(taskKeys: readonly string[]): string[] {
  return uniqueSnakeKeys([...taskKeys], 'task');
}
