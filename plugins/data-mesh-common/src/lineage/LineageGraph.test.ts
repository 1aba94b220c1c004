import { lineageDatasetId } from './ids';
import { LineageGraph, withImpactSubscribers } from './LineageGraph';
import {
  financeManifest,
  helloWorldManifest,
  testManifest,
} from './__testUtils__/lineageManifests';

const hw = (dataset: string) => lineageDatasetId('hello-world', dataset);
const finance = (dataset: string) => lineageDatasetId('finance', dataset);
const names = (items: readonly { id: string }[]) => items.map(i => i.id);
const columnNames = (
  items: readonly { project: string; dataset: string; column: string }[],
) => items.map(c => `${c.project}/${c.dataset}.${c.column}`);

describe('LineageGraph over Hello World', () => {
  const manifest = helloWorldManifest();
  const graph = LineageGraph.build([{ name: 'hello-world', manifest }]);

  it('holds every dataset, pipeline and job of the manifest', () => {
    expect(graph.size).toMatchObject({
      datasets: manifest.datasets.length,
      pipelines: manifest.pipelines.length,
      jobs: manifest.jobs.length,
    });
    expect(graph.dataset(hw('TotalSales'))).toMatchObject({
      kind: 'dataset',
      project: 'hello-world',
      name: 'TotalSales',
      table: 'gold.total_sales',
      entityRef: 'dataproduct:default/total-sales',
      producedBy: 'pipeline:hello-world/ComputeSales',
    });
  });

  it("finds TotalSales' upstream as the manifest lists it, and nothing downstream", () => {
    const totalSales = manifest.datasets.find(d => d.name === 'TotalSales')!;
    expect(
      graph.upstream(hw('TotalSales'), 5).map(r => r.dataset.name),
    ).toEqual([...totalSales.upstream].sort());
    expect(graph.downstream(hw('TotalSales'), 5)).toEqual([]);
  });

  it('gives the neighbourhood with the pipelines between the datasets and the jobs that run them', () => {
    const around = graph.neighbourhood(hw('TotalSales'), 1);
    expect(names(around.nodes)).toEqual([
      hw('TotalSales'),
      hw('bronze_order_lines'),
      hw('bronze_orders'),
      hw('bronze_products'),
      'job:hello-world/DailySummary',
      'pipeline:hello-world/ComputeSales',
    ]);
    expect(around.edges).toContainEqual({
      from: hw('bronze_orders'),
      to: 'pipeline:hello-world/ComputeSales',
      kind: 'reads',
    });
    expect(around.edges).toContainEqual({
      from: 'pipeline:hello-world/ComputeSales',
      to: hw('TotalSales'),
      kind: 'writes',
    });
    expect(around.edges).toContainEqual({
      from: 'job:hello-world/DailySummary',
      to: 'pipeline:hello-world/ComputeSales',
      kind: 'runs',
    });
  });

  it("traces a TotalSales column to its source columns with the manifest's formula", () => {
    const netRevenue = manifest.datasets
      .find(d => d.name === 'TotalSales')!
      .lineage.find(l => l.column === 'net_revenue')!;
    const lineage = graph.columnLineage(hw('TotalSales'), 'NET_REVENUE')!;
    expect(lineage).toMatchObject({
      dataset: 'TotalSales',
      column: 'net_revenue',
      formula: netRevenue.formula,
      steps: netRevenue.steps,
    });
    expect(columnNames(lineage.inputs)).toEqual(
      netRevenue.sources.map(s => `hello-world/${s}`),
    );
    expect(lineage.edges[0]).toMatchObject({
      kind: 'derived',
      formula: netRevenue.formula,
      pipeline: 'pipeline:hello-world/ComputeSales',
    });
  });

  it('lists the impact of a bronze column as every column the manifest derives from it', () => {
    const expected = manifest.datasets
      .flatMap(d =>
        d.lineage
          .filter(l => l.sources.includes('bronze_orders.order_date'))
          .map(l => `hello-world/${d.name}.${l.column}`),
      )
      .sort();
    const impact = graph.impactOfColumn(hw('bronze_orders'), 'order_date')!;
    expect(columnNames(impact.columns)).toEqual(expected);
    expect(columnNames(impact.columns)).toEqual(
      expect.arrayContaining([
        'hello-world/TotalSales.first_order_date',
        'hello-world/DailySummary.cumulative_net_revenue',
      ]),
    );
    expect(impact.datasets.map(d => d.name)).toEqual([
      'CustomerOrder',
      'DailySummary',
      'TotalSales',
      'silver_customer_orders',
      'silver_sales_lines',
    ]);
    expect(names(impact.pipelines)).toEqual([
      'pipeline:hello-world/ComputeSales',
      'pipeline:hello-world/Join-customers-redo',
    ]);
    // Job-Test runs only account_length_days, which never reads orders.
    expect(names(impact.jobs)).toEqual(['job:hello-world/DailySummary']);
    expect(impact.subscribers).toEqual([]);
  });

  it('finds no impact for a CustomerOrder column, as nothing in Hello World reads CustomerOrder', () => {
    const customerOrder = manifest.datasets.find(
      d => d.name === 'CustomerOrder',
    )!;
    expect(customerOrder.downstream).toEqual([]);
    expect(graph.impactOfColumn(hw('CustomerOrder'), 'email')).toMatchObject({
      columns: [],
      datasets: [],
      jobs: [],
    });
  });

  it('answers undefined for an unknown dataset or column', () => {
    expect(graph.column(hw('TotalSales'), 'nope')).toBeUndefined();
    expect(graph.columnLineage(hw('TotalSales'), 'nope')).toBeUndefined();
    expect(graph.impactOfColumn(hw('Nope'), 'currency')).toBeUndefined();
    expect(graph.dataset(hw('Nope'))).toBeUndefined();
    expect(() => graph.upstream(hw('Nope'), 1)).toThrow(/No dataset/);
  });
});

describe('LineageGraph across projects', () => {
  const projects = [
    { name: 'hello-world', manifest: helloWorldManifest() },
    { name: 'finance', manifest: financeManifest(), namespace: 'fin' },
  ];
  const graph = LineageGraph.build(projects);

  it("connects a project's source to the dataset another project writes to the same table", () => {
    expect(
      graph
        .upstream(finance('RevenueReport'), 3)
        .map(r => [r.dataset.id, r.depth]),
    ).toEqual([
      [finance('sales_totals'), 1],
      [hw('TotalSales'), 2],
      [hw('bronze_order_lines'), 3],
      [hw('bronze_orders'), 3],
      [hw('bronze_products'), 3],
    ]);
    const around = graph.neighbourhood(hw('TotalSales'), 2);
    expect(names(around.downstream.map(r => r.dataset))).toEqual([
      finance('sales_totals'),
      finance('RevenueReport'),
    ]);
    expect(around.edges).toContainEqual({
      from: hw('TotalSales'),
      to: finance('sales_totals'),
      kind: 'sameTable',
    });
    expect(graph.dataset(finance('RevenueReport'))?.entityRef).toBe(
      'dataproduct:fin/revenue-report',
    );
  });

  it('limits the walk to the depth asked for', () => {
    expect(graph.upstream(finance('RevenueReport'), 1)).toHaveLength(1);
    expect(graph.neighbourhood(hw('TotalSales'), 1).downstream).toHaveLength(1);
  });

  it("follows a column's lineage into the project that writes its source table", () => {
    const lineage = graph.columnLineage(finance('RevenueReport'), 'revenue')!;
    expect(lineage.formula).toBe('sum(net_revenue)');
    expect(
      lineage.inputs.map(i => [
        `${i.project}/${i.dataset}.${i.column}`,
        i.formula,
        i.depth,
      ]),
    ).toEqual([
      ['finance/sales_totals.net_revenue', undefined, 1],
      ['hello-world/TotalSales.net_revenue', 'sum(line_amount)', 2],
      ['hello-world/bronze_order_lines.line_amount', undefined, 3],
    ]);
    expect(lineage.edges).toContainEqual({
      from: {
        project: 'hello-world',
        dataset: 'TotalSales',
        column: 'net_revenue',
      },
      to: {
        project: 'finance',
        dataset: 'sales_totals',
        column: 'net_revenue',
      },
      kind: 'sameTable',
      formula: 'net_revenue',
    });
  });

  it('carries the impact of a Hello World column into the finance report, its pipeline and job', () => {
    const impact = graph.impactOfColumn(
      hw('bronze_order_lines'),
      'line_amount',
    )!;
    expect(columnNames(impact.columns)).toEqual(
      expect.arrayContaining([
        'hello-world/TotalSales.net_revenue',
        'finance/sales_totals.net_revenue',
        'finance/RevenueReport.revenue',
      ]),
    );
    expect(columnNames(impact.columns)).not.toContain(
      'finance/RevenueReport.currency',
    );
    expect(names(impact.pipelines)).toContain('pipeline:finance/Report');
    expect(names(impact.jobs)).toEqual([
      'job:finance/finance-daily',
      'job:hello-world/DailySummary',
    ]);
    // Nearest first: the finance report is further than TotalSales.
    const order = impact.datasets.map(d => d.id);
    expect(order.indexOf(finance('RevenueReport'))).toBeGreaterThan(
      order.indexOf(hw('TotalSales')),
    );
  });

  it('answers the same whatever order the projects come in', () => {
    const reversed = LineageGraph.build([...projects].reverse());
    expect(reversed.neighbourhood(hw('TotalSales'), 3)).toEqual(
      graph.neighbourhood(hw('TotalSales'), 3),
    );
    expect(reversed.impactOfColumn(hw('bronze_orders'), 'currency')).toEqual(
      graph.impactOfColumn(hw('bronze_orders'), 'currency'),
    );
  });

  it('does not link two sources of the same table, nor a project to itself', () => {
    const other = testManifest('other', [
      { name: 'orders', table: 'bronze.orders', columns: ['order_id'] },
    ]);
    const withOther = LineageGraph.build([
      ...projects,
      { name: 'other', manifest: other },
    ]);
    expect(withOther.upstream(lineageDatasetId('other', 'orders'), 2)).toEqual(
      [],
    );
  });

  it('fills subscribers through the injected lookup', async () => {
    const impact = graph.impactOfColumn(hw('TotalSales'), 'net_revenue')!;
    const lookup = jest.fn(async (datasets: readonly { id: string }[]) =>
      datasets
        .filter(d => d.id === finance('RevenueReport'))
        .map(d => ({ team: 'group:default/finance-insights', dataset: d.id })),
    );
    const filled = await withImpactSubscribers(impact, lookup);
    const [datasets, columns] = lookup.mock.calls[0] as unknown as [
      unknown,
      { project: string; dataset: string; column: string }[],
    ];
    expect(datasets).toBe(impact.datasets);
    // The changed column first, then every column it reaches.
    expect(columns[0]).toEqual({
      project: 'hello-world',
      dataset: 'TotalSales',
      column: 'net_revenue',
    });
    expect(columns.slice(1)).toEqual(
      impact.columns.map(({ project, dataset, column }) => ({
        project,
        dataset,
        column,
      })),
    );
    expect(filled.subscribers).toEqual([
      {
        team: 'group:default/finance-insights',
        dataset: finance('RevenueReport'),
      },
    ]);
    expect(await withImpactSubscribers(impact)).toBe(impact);
  });
});
