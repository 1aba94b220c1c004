/**
 * The shape {@link orderTasks} needs: a key and the keys it depends on.
 *
 * @public
 */
export interface DependentTask {
  key: string;
  dependsOn: string[];
}

/**
 * The outcome of {@link orderTasks}.
 *
 * @public
 */
export interface TaskOrder<T> {
  /** Every task after the tasks it depends on; the input order where free. */
  ordered: T[];
  /** One cycle, as keys with the first repeated at the end (`a → b → a`), if there is one. */
  cycle?: string[];
}

/**
 * Sorts tasks so that each comes after its dependencies, keeping the input
 * order wherever the dependencies allow: the job author's order is the
 * reading order of the generated file, and a stable order keeps
 * regenerated files diff-free.
 *
 * Dependencies on unknown keys are ignored (they are reported elsewhere).
 * Tasks on or behind a cycle are appended in input order, and one cycle is
 * returned so it can be named in an error.
 *
 * @public
 */
export function orderTasks<T extends DependentTask>(tasks: T[]): TaskOrder<T> {
  const known = new Set(tasks.map(t => t.key));
  const placed = new Set<string>();
  const ordered: T[] = [];
  let remaining = tasks;

  for (;;) {
    const ready = remaining.find(t =>
      t.dependsOn.every(d => placed.has(d) || !known.has(d)),
    );
    if (!ready) {
      break;
    }
    ordered.push(ready);
    placed.add(ready.key);
    remaining = remaining.filter(t => t !== ready);
  }

  if (remaining.length === 0) {
    return { ordered };
  }
  return { ordered: [...ordered, ...remaining], cycle: findCycle(remaining) };
}

/**
 * Every task left over by the sort has an unplaced dependency that is itself
 * left over, so following those from any of them must come back round.
 */
function findCycle(remaining: DependentTask[]): string[] {
  const byKey = new Map(remaining.map(t => [t.key, t]));
  const path: string[] = [];
  let current: DependentTask | undefined = remaining[0];
  while (current && !path.includes(current.key)) {
    path.push(current.key);
    current = current.dependsOn
      .map(d => byKey.get(d))
      .find((t): t is DependentTask => t !== undefined);
  }
  if (!current) {
    return path;
  }
  return [...path.slice(path.indexOf(current.key)), current.key];
}
