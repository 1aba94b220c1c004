import type { PipelineEdge, PipelineNode } from '../project';

/** The graph part of a pipeline or subgraph. */
export interface Graph {
  readonly nodes: readonly PipelineNode[];
  readonly edges: readonly PipelineEdge[];
}

/**
 * Node ids in an order where every edge goes forward (Kahn's algorithm,
 * ties in file order so results are stable), and the ids left over
 * because they lie on or behind a cycle. The parser rejects cycles; this
 * stays defensive because callers may build graphs in code.
 */
export function topologicalOrder(
  ids: readonly string[],
  edges: ReadonlyArray<{ from: string; to: string }>,
): { order: string[]; cyclic: string[] } {
  const known = new Set(ids);
  const indegree = new Map(ids.map(id => [id, 0]));
  const successors = new Map<string, string[]>(ids.map(id => [id, []]));
  for (const { from, to } of edges) {
    if (!known.has(from) || !known.has(to)) continue;
    successors.get(from)!.push(to);
    indegree.set(to, indegree.get(to)! + 1);
  }
  const ready = ids.filter(id => indegree.get(id) === 0);
  const order: string[] = [];
  while (ready.length) {
    const id = ready.shift()!;
    order.push(id);
    for (const next of successors.get(id)!) {
      const remaining = indegree.get(next)! - 1;
      indegree.set(next, remaining);
      if (remaining === 0) ready.push(next);
    }
  }
  const placed = new Set(order);
  return { order, cyclic: ids.filter(id => !placed.has(id)) };
}

/** For each node, the node feeding each of its input ports. */
export function upstreamNodes(
  edges: readonly PipelineEdge[],
): Map<string, Record<string, string>> {
  const upstreamOf = new Map<string, Record<string, string>>();
  for (const edge of edges) {
    upstreamOf.set(edge.to.node, {
      ...upstreamOf.get(edge.to.node),
      [edge.to.port]: edge.from.node,
    });
  }
  return upstreamOf;
}

/** The nodes a node reads from, directly or not. */
export function ancestors(
  id: string,
  upstreamOf: ReadonlyMap<string, Record<string, string>>,
): Set<string> {
  const found = new Set<string>();
  const visit = (node: string) => {
    for (const from of Object.values(upstreamOf.get(node) ?? {})) {
      if (found.has(from)) continue;
      found.add(from);
      visit(from);
    }
  };
  visit(id);
  return found;
}
