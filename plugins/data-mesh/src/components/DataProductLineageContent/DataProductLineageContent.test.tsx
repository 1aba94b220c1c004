import { ResponseError } from '@backstage/errors';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ColumnImpact, DatasetLineage } from '../../api';
import { renderWithEntity } from '../DataProductEntity/__testUtils__/renderWithEntity';
import {
  helloWorldTotalSales,
  totalSales,
} from '../DataProductEntity/__testUtils__/totalSales';
import { stubReactFlowMeasurements } from '../__testUtils__/stubReactFlowMeasurements';
import { DataProductLineageContent } from './DataProductLineageContent';

beforeAll(stubReactFlowMeasurements);

const slowly = { timeout: 10_000 };

const published = helloWorldTotalSales;

const dataset = (
  project: string,
  name: string,
  entityName: string,
  depth: number,
  columns: string[] = [],
) => ({
  id: `dataset:${project}/${name}`,
  kind: 'dataset' as const,
  project,
  name,
  entityRef: `dataproduct:default/${entityName}`,
  layer: 'gold' as const,
  columns,
  depth,
});

const lineage: DatasetLineage = {
  dataset: 'dataset:hello-world/TotalSales',
  depth: 3,
  omitted: 0,
  nodes: [
    dataset('finance', 'RevenueReport', 'revenue-report', 2),
    dataset('finance', 'sales_totals', 'sales-totals', 1),
    dataset('hello-world', 'TotalSales', 'total-sales', 0, [
      'currency',
      'net_revenue',
    ]),
    dataset('hello-world', 'bronze_order_lines', 'bronze-order-lines', -1),
    {
      id: 'job:hello-world/DailySummary',
      kind: 'job',
      project: 'hello-world',
      name: 'DailySummary',
    },
    {
      id: 'pipeline:hello-world/ComputeSales',
      kind: 'pipeline',
      project: 'hello-world',
      name: 'ComputeSales',
    },
  ],
  edges: [
    {
      from: 'dataset:hello-world/bronze_order_lines',
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
      from: 'dataset:finance/sales_totals',
      to: 'dataset:finance/RevenueReport',
      kind: 'derives',
    },
    {
      from: 'job:hello-world/DailySummary',
      to: 'pipeline:hello-world/ComputeSales',
      kind: 'runs',
    },
  ],
};

const impact: ColumnImpact = {
  project: 'hello-world',
  dataset: 'TotalSales',
  column: 'net_revenue',
  lineage: {
    formula: 'sum(line_amount)',
    steps: [],
    inputs: [
      {
        project: 'hello-world',
        dataset: 'bronze_order_lines',
        column: 'line_amount',
        depth: 1,
      },
    ],
    edges: [],
  },
  columns: [
    {
      project: 'finance',
      dataset: 'sales_totals',
      column: 'net_revenue',
      depth: 1,
    },
    {
      project: 'finance',
      dataset: 'RevenueReport',
      column: 'revenue',
      formula: 'sum(net_revenue)',
      depth: 2,
    },
  ],
  datasets: [
    dataset('finance', 'sales_totals', 'sales-totals', 1),
    dataset('finance', 'RevenueReport', 'revenue-report', 2),
  ],
  pipelines: [
    {
      id: 'pipeline:finance/Report',
      kind: 'pipeline',
      project: 'finance',
      name: 'Report',
    },
  ],
  jobs: [
    { id: 'job:finance/daily', kind: 'job', project: 'finance', name: 'daily' },
  ],
  subscribers: [],
  omitted: 1,
};

describe('DataProductLineageContent', () => {
  it('shows a progress bar while the lineage loads', async () => {
    const getDatasetLineage = jest.fn(() => new Promise<never>(() => {}));
    await renderWithEntity(<DataProductLineageContent />, published, {
      getDatasetLineage,
    });
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    expect(getDatasetLineage).toHaveBeenCalledWith('hello-world', 'TotalSales');
  });

  it('draws the upstream and downstream datasets across projects, linking to their pages', async () => {
    await renderWithEntity(<DataProductLineageContent />, published, {
      getDatasetLineage: async () => lineage,
    });
    expect(
      await screen.findByText(
        /1 upstream and 2 downstream datasets within 3 steps/,
      ),
    ).toBeInTheDocument();
    const graph = await screen.findByRole(
      'figure',
      { name: 'Lineage graph' },
      slowly,
    );
    // React Flow shows nodes once it has measured them, which jsdom cannot.
    const linkOf = (text: string) => within(graph).getByText(text).closest('a');
    expect(
      (await within(graph).findByText('RevenueReport', {}, slowly)).closest(
        'a',
      ),
    ).toHaveAttribute('href', '/catalog/default/dataproduct/revenue-report');
    expect(linkOf('bronze_order_lines')).toHaveAttribute(
      'href',
      '/catalog/default/dataproduct/bronze-order-lines',
    );
    // The product itself is highlighted, not linked; jobs are not drawn.
    expect(linkOf('TotalSales')).toBeNull();
    expect(within(graph).getByText(/this data product/)).toBeInTheDocument();
    expect(within(graph).getByText(/ComputeSales/)).toBeInTheDocument();
    expect(within(graph).queryByText('DailySummary')).toBeNull();
  });

  it('shows where a chosen column comes from and the impact of changing it', async () => {
    const getColumnImpact = jest.fn(async () => impact);
    await renderWithEntity(<DataProductLineageContent />, published, {
      getDatasetLineage: async () => lineage,
      getColumnImpact,
    });
    const columns = await screen.findByRole('group', { name: 'Column' });
    await userEvent.click(
      within(columns).getByRole('button', { name: 'net_revenue' }),
    );
    expect(getColumnImpact).toHaveBeenCalledWith(
      'hello-world',
      'TotalSales',
      'net_revenue',
    );
    expect(
      within(columns).getByRole('button', { name: 'net_revenue' }),
    ).toHaveAttribute('aria-pressed', 'true');

    const sources = await screen.findByRole('region', {
      name: 'Where net_revenue comes from',
    });
    expect(sources).toHaveTextContent('net_revenue = sum(line_amount)');
    expect(within(sources).getByRole('listitem')).toHaveTextContent(
      'bronze_order_lines.line_amount',
    );

    const region = screen.getByRole('region', {
      name: 'Impact of changing net_revenue',
    });
    const items = within(region)
      .getAllByRole('listitem')
      .map(item => item.textContent);
    expect(items).toEqual([
      'finance/sales_totals.net_revenue',
      'finance/RevenueReport.revenue = sum(net_revenue)',
      'finance/sales_totals',
      'finance/RevenueReport',
      'Pipeline finance/Report',
      'Job finance/daily',
    ]);
    expect(
      within(region).getByRole('link', { name: 'finance/RevenueReport' }),
    ).toHaveAttribute('href', '/catalog/default/dataproduct/revenue-report');
    expect(region).toHaveTextContent(
      '1 more in data projects you may not read',
    );
    expect(
      within(region).queryByRole('heading', { name: /Subscribed teams/ }),
    ).toBeNull();
  });

  it('lists the teams subscribed to the product or to a dataset downstream', async () => {
    await renderWithEntity(<DataProductLineageContent />, published, {
      getDatasetLineage: async () => lineage,
      getColumnImpact: async () => ({
        ...impact,
        subscribers: [
          {
            team: 'group:default/finance-insights',
            dataset: 'dataset:hello-world/TotalSales',
          },
          {
            team: 'group:default/marketing-analytics',
            dataset: 'dataset:finance/RevenueReport',
          },
        ],
      }),
    });
    const columns = await screen.findByRole('group', { name: 'Column' });
    await userEvent.click(
      within(columns).getByRole('button', { name: 'net_revenue' }),
    );
    const region = await screen.findByRole('region', {
      name: 'Impact of changing net_revenue',
    });
    expect(
      within(region).getByRole('heading', { name: 'Subscribed teams (2)' }),
    ).toBeInTheDocument();
    const teams = within(region).getByRole('list', {
      name: 'Subscribed teams (2)',
    });
    expect(
      within(teams)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'finance-insights',
      'marketing-analytics (subscribed to finance/RevenueReport)',
    ]);
    expect(
      within(teams).getByRole('link', { name: 'finance-insights' }),
    ).toHaveAttribute('href', '/catalog/default/group/finance-insights');
  });

  it("names the product's subscribers even when nothing downstream reads the column", async () => {
    await renderWithEntity(<DataProductLineageContent />, published, {
      getDatasetLineage: async () => lineage,
      getColumnImpact: async () => ({
        ...impact,
        column: 'currency',
        columns: [],
        datasets: [],
        pipelines: [],
        jobs: [],
        subscribers: [
          {
            team: 'group:default/finance-insights',
            dataset: 'dataset:hello-world/TotalSales',
          },
        ],
        omitted: 0,
      }),
    });
    const columns = await screen.findByRole('group', { name: 'Column' });
    await userEvent.click(
      within(columns).getByRole('button', { name: 'currency' }),
    );
    const region = await screen.findByRole('region', {
      name: 'Impact of changing currency',
    });
    expect(region).toHaveTextContent(
      'No dataset downstream reads currency, but teams subscribe to it.',
    );
    const teams = within(region).getByRole('list', {
      name: 'Subscribed teams (1)',
    });
    expect(within(teams).getByRole('listitem')).toHaveTextContent(
      'finance-insights',
    );
  });

  it('says so when nothing downstream reads a column', async () => {
    await renderWithEntity(<DataProductLineageContent />, published, {
      getDatasetLineage: async () => lineage,
      getColumnImpact: async () => ({
        ...impact,
        column: 'currency',
        columns: [],
        datasets: [],
        pipelines: [],
        jobs: [],
        omitted: 0,
      }),
    });
    const columns = await screen.findByRole('group', { name: 'Column' });
    await userEvent.click(
      within(columns).getByRole('button', { name: 'currency' }),
    );
    const region = await screen.findByRole('region', {
      name: 'Impact of changing currency',
    });
    expect(region).toHaveTextContent('No dataset downstream reads currency.');
    expect(within(region).queryAllByRole('listitem')).toEqual([]);
  });

  it('says so when no dataset is upstream or downstream', async () => {
    await renderWithEntity(<DataProductLineageContent />, published, {
      getDatasetLineage: async () => ({
        ...lineage,
        nodes: lineage.nodes.filter(n => n.id === lineage.dataset),
        edges: [],
      }),
    });
    expect(
      await screen.findByText('No upstream or downstream datasets'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('figure', { name: 'Lineage graph' })).toBeNull();
  });

  it("shows the backend's error", async () => {
    const response = new Response(
      JSON.stringify({
        error: {
          name: 'NotFoundError',
          message:
            "No dataset named 'TotalSales' in the data project 'hello-world'",
        },
        response: { statusCode: 404 },
      }),
      { status: 404, headers: { 'Content-Type': 'application/json' } },
    );
    const error = await ResponseError.fromResponse(response);
    await renderWithEntity(<DataProductLineageContent />, published, {
      getDatasetLineage: async () => {
        throw error;
      },
    });
    expect(
      await screen.findByText(/No dataset named 'TotalSales'/),
    ).toBeInTheDocument();
  });

  it('explains a data product that no data project publishes', async () => {
    await renderWithEntity(<DataProductLineageContent />, totalSales);
    expect(
      await screen.findByText('No lineage for this data product'),
    ).toBeInTheDocument();
  });
});
