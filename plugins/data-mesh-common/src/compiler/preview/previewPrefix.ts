import type { PipelineEdge, PipelineFile } from '../../project';

/**
 * The part of a pipeline a node reads from: the node, every node upstream
 * of it, and the edges between them. Diagnostics on it point at its own
 * node and edge indices; `edgeIndices` maps them back to the pipeline's.
 */
export interface PipelinePrefix {
  readonly pipeline: PipelineFile;
  /** Index of each edge of the prefix in the whole pipeline's `edges`. */
  readonly edgeIndices: readonly number[];
}

/**
 * Cuts a pipeline down to what a node depends on, so that a problem in a
 * branch the node does not read (another Target, a half-edited gem further
 * down) does not stop its preview.
 */
export function pipelinePrefix(
  pipeline: PipelineFile,
  nodeId: string,
): PipelinePrefix {
  const feeds = new Map<string, string[]>();
  for (const edge of pipeline.edges) {
    feeds.set(edge.to.node, [
      ...(feeds.get(edge.to.node) ?? []),
      edge.from.node,
    ]);
  }
  const kept = new Set<string>();
  const pending = [nodeId];
  while (pending.length) {
    const id = pending.pop()!;
    if (kept.has(id)) continue;
    kept.add(id);
    pending.push(...(feeds.get(id) ?? []));
  }
  const edges: PipelineEdge[] = [];
  const edgeIndices: number[] = [];
  pipeline.edges.forEach((edge, index) => {
    if (!kept.has(edge.to.node)) return;
    edges.push(edge);
    edgeIndices.push(index);
  });
  return {
    pipeline: {
      ...pipeline,
      nodes: pipeline.nodes.filter(n => kept.has(n.id)),
      edges,
    },
    edgeIndices,
  };
}
