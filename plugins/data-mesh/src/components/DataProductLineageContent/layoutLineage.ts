import type { LineageEdge, LineageNode } from '../../api';
import { layoutLeftToRight } from '../graphLayout';

/** The size each kind of node is drawn at, which the layout makes room for. */
export const NODE_SIZE = {
  dataset: { width: 220, height: 64 },
  pipeline: { width: 170, height: 36 },
} as const;

/** A node placed by {@link layoutLineage}: its top-left corner. */
export interface PlacedNode {
  readonly node: LineageNode;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** What the graph draws: datasets and the pipelines between them, not jobs. */
export function drawnGraph(
  nodes: readonly LineageNode[],
  edges: readonly LineageEdge[],
): { nodes: LineageNode[]; edges: LineageEdge[] } {
  const drawn = nodes.filter(n => n.kind !== 'job');
  const ids = new Set(drawn.map(n => n.id));
  return {
    nodes: drawn,
    edges: edges.filter(e => ids.has(e.from) && ids.has(e.to)),
  };
}

/**
 * Places the lineage graph left to right, upstream first, with ELK's
 * layered (Sugiyama) algorithm: the reading order of a data flow.
 */
export async function layoutLineage(
  nodes: readonly LineageNode[],
  edges: readonly LineageEdge[],
): Promise<PlacedNode[]> {
  const sizeOf = (node: LineageNode) =>
    node.kind === 'pipeline' ? NODE_SIZE.pipeline : NODE_SIZE.dataset;
  const placed = await layoutLeftToRight(
    nodes.map(node => ({ id: node.id, ...sizeOf(node) })),
    edges,
  );
  return nodes
    .filter(node => placed.has(node.id))
    .map(node => ({ node, ...placed.get(node.id)!, ...sizeOf(node) }));
}
