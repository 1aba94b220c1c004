/** A directed link between two vertices, with the index that locates it. */
export interface Link {
  readonly from: string;
  readonly to: string;
  readonly index: number;
}

/**
 * The first cycle found by a depth-first search that visits vertices and
 * links in the given order (so that the result is stable), as the vertices
 * along it (first repeated at the end) and the link that closes it.
 * Iterative, so that a very long chain cannot overflow the stack.
 */
export function findCycle(
  vertices: readonly string[],
  links: readonly Link[],
): { path: string[]; closingIndex: number } | undefined {
  const outgoing = new Map<string, Link[]>();
  for (const link of links) {
    const list = outgoing.get(link.from) ?? [];
    list.push(link);
    outgoing.set(link.from, list);
  }
  const state = new Map<string, 'visiting' | 'done'>();
  for (const root of vertices) {
    if (state.has(root)) continue;
    const stack: Array<{ vertex: string; next: number }> = [
      { vertex: root, next: 0 },
    ];
    state.set(root, 'visiting');
    while (stack.length) {
      const frame = stack[stack.length - 1];
      const link = outgoing.get(frame.vertex)?.[frame.next++];
      if (!link) {
        state.set(frame.vertex, 'done');
        stack.pop();
        continue;
      }
      const seen = state.get(link.to);
      if (seen === 'visiting') {
        const start = stack.findIndex(entry => entry.vertex === link.to);
        return {
          path: [...stack.slice(start).map(entry => entry.vertex), link.to],
          closingIndex: link.index,
        };
      }
      if (seen === undefined) {
        state.set(link.to, 'visiting');
        stack.push({ vertex: link.to, next: 0 });
      }
    }
  }
  return undefined;
}
