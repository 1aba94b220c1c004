import type { LineageEdge, LineageNode } from '../../api';
import { drawnGraph, layoutLineage, NODE_SIZE } from './layoutLineage';

const dataset = (name: string, project = 'hello-world'): LineageNode => ({
  id: `dataset:${project}/${name}`,
  kind: 'dataset',
  project,
  name,
});
const pipeline = (name: string): LineageNode => ({
  id: `pipeline:hello-world/${name}`,
  kind: 'pipeline',
  project: 'hello-world',
  name,
});

const nodes: LineageNode[] = [
  dataset('bronze_orders'),
  pipeline('ComputeSales'),
  dataset('TotalSales'),
  dataset('sales_totals', 'finance'),
  {
    id: 'job:hello-world/DailySummary',
    kind: 'job',
    project: 'hello-world',
    name: 'DailySummary',
  },
];
const edges: LineageEdge[] = [
  {
    from: 'dataset:hello-world/bronze_orders',
    to: 'pipeline:hello-world/ComputeSales',
    kind: 'reads',
  },
  {
    from: 'pipeline:hello-world/ComputeSales',
    to: 'dataset:hello-world/TotalSales',
    kind: 'writes',
  },
  {
    from: 'dataset:hello-world/TotalSales',
    to: 'dataset:finance/sales_totals',
    kind: 'sameTable',
  },
  {
    from: 'job:hello-world/DailySummary',
    to: 'pipeline:hello-world/ComputeSales',
    kind: 'runs',
  },
];

describe('layoutLineage', () => {
  it('draws datasets and pipelines, not jobs', () => {
    const drawn = drawnGraph(nodes, edges);
    expect(drawn.nodes.map(n => n.kind)).not.toContain('job');
    expect(drawn.edges.map(e => e.kind)).toEqual([
      'reads',
      'writes',
      'sameTable',
    ]);
  });

  it('places the flow left to right, upstream first, without overlaps', async () => {
    const drawn = drawnGraph(nodes, edges);
    const placed = await layoutLineage(drawn.nodes, drawn.edges);
    const x = (name: string) => placed.find(p => p.node.name === name)!.x;
    expect(x('bronze_orders')).toBeLessThan(x('ComputeSales'));
    expect(x('ComputeSales')).toBeLessThan(x('TotalSales'));
    expect(x('TotalSales')).toBeLessThan(x('sales_totals'));
    expect(placed.find(p => p.node.kind === 'pipeline')).toMatchObject(
      NODE_SIZE.pipeline,
    );
    for (const a of placed) {
      for (const b of placed) {
        if (a === b) continue;
        const apart =
          a.x + a.width <= b.x ||
          b.x + b.width <= a.x ||
          a.y + a.height <= b.y ||
          b.y + b.height <= a.y;
        expect(apart).toBe(true);
      }
    }
  });
});
