import { compileProject } from './compileProject';
import { findColumnLineage } from './projectLineage';
import { shopProject } from './__testUtils__/projects';

/** The shop project with CleanOrders reading EU orders too, through a Union. */
function shopWithEuOrders() {
  return shopProject({
    'datasets/raw_orders_eu.dataset.yaml': `formatVersion: 1
name: raw_orders_eu
table: bronze.orders_eu
layer: bronze
visibility: internal
owner: group:default/shop
contract:
  columns:
    - name: id
      type: bigint
    - name: amount
      type: decimal(10,2)
    - name: state
      type: string
`,
    'pipelines/CleanOrders.pipeline.yaml': `formatVersion: 1
name: CleanOrders
nodes:
  - id: orders
    type: Source
    position: { x: 0, y: 0 }
    config:
      dataset: raw_orders
  - id: eu
    type: Source
    position: { x: 0, y: 100 }
    config:
      dataset: raw_orders_eu
  - id: both
    type: Union
    position: { x: 200, y: 0 }
    config:
      mode: byPosition
      inputs: 2
  - id: cents
    type: Reformat
    position: { x: 400, y: 0 }
    config:
      columns:
        - name: order_id
          expression: order_id
        - name: amount_cents
          expression: amount * 100
        - name: status
          expression: lower(status)
  - id: out
    type: Target
    position: { x: 600, y: 0 }
    config:
      dataset: clean_orders
      mode: overwrite
edges:
  - from: { node: orders, port: out }
    to: { node: both, port: in0 }
  - from: { node: eu, port: out }
    to: { node: both, port: in1 }
  - from: { node: both, port: out }
    to: { node: cents, port: in }
  - from: { node: cents, port: out }
    to: { node: out, port: in }
`,
  });
}

describe('project lineage through a Union', () => {
  const { lineage } = compileProject(shopWithEuOrders());

  it('names every branch in the formula of a column the Union passes on', () => {
    expect(findColumnLineage(lineage, 'clean_orders.order_id')).toEqual({
      found: true,
      dataset: 'clean_orders',
      lineage: {
        column: 'order_id',
        formula: 'in0.order_id UNION ALL in1.id',
        steps: [
          {
            pipeline: 'CleanOrders',
            node: 'both',
            gem: 'Union',
            formula: 'in0.order_id UNION ALL in1.id',
          },
        ],
        sources: [
          { dataset: 'raw_orders', column: 'order_id' },
          { dataset: 'raw_orders_eu', column: 'id' },
        ],
        via: ['CleanOrders'],
      },
    });
  });

  it('traces a gold column back through every branch', () => {
    const total = findColumnLineage(lineage, 'order_totals.total_cents');
    expect(total.found && total.lineage.steps.map(s => s.gem)).toEqual([
      'Aggregate',
      'Reformat',
      'Union',
    ]);
    expect(total.found && total.lineage.sources).toEqual([
      { dataset: 'raw_orders', column: 'amount' },
      { dataset: 'raw_orders_eu', column: 'amount' },
    ]);
    expect(lineage.edges).toEqual([
      { from: 'raw_orders', to: 'clean_orders', pipeline: 'CleanOrders' },
      { from: 'raw_orders_eu', to: 'clean_orders', pipeline: 'CleanOrders' },
      { from: 'clean_orders', to: 'order_totals', pipeline: 'TotalOrders' },
    ]);
  });
});
