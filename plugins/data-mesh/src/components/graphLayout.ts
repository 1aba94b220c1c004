import ELK from 'elkjs/lib/elk.bundled.js';

const elk = new ELK();

/**
 * Places a graph left to right, upstream first, with ELK's layered
 * (Sugiyama) algorithm: the reading order of a data flow. Returns each
 * node's top-left corner.
 */
export async function layoutLeftToRight(
  nodes: readonly { id: string; width: number; height: number }[],
  edges: readonly { from: string; to: string }[],
): Promise<Map<string, { x: number; y: number }>> {
  const laidOut = await elk.layout({
    id: 'graph',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '60',
      'elk.spacing.nodeNode': '24',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
    children: nodes.map(({ id, width, height }) => ({ id, width, height })),
    edges: edges.map((edge, i) => ({
      id: `e${i}`,
      sources: [edge.from],
      targets: [edge.to],
    })),
  });
  return new Map(
    (laidOut.children ?? []).map(child => [
      child.id,
      { x: child.x ?? 0, y: child.y ?? 0 },
    ]),
  );
}
