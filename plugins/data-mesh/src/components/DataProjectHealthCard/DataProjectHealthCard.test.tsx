import { screen, within } from '@testing-library/react';
import type { Budget, DatasetFreshness } from '../../api';
import { renderWithEntity } from '../DataProductEntity/__testUtils__/renderWithEntity';
import {
  helloWorldComponent,
  helloWorldStructure,
  page,
  pending,
  qualityResult,
} from '../DataProjectEntity/__testUtils__/helloWorldProject';
import { DataProjectHealthCard } from './DataProjectHealthCard';

const fresh: DatasetFreshness = {
  project: 'hello-world',
  dataset: 'TotalSales',
  table: 'gold.total_sales',
  owner: 'group:default/sales-analytics',
  status: 'fresh',
  message: 'Written 3 hours ago, within its 26-hour SLA.',
};

const budget: Budget = {
  scope: 'project',
  name: 'hello-world',
  month: '2026-12',
  budgetDbus: 40,
  usedDbus: 12.5,
  ratio: 12.5 / 40,
  estimated: true,
  entityRef: 'component:default/hello-world',
  link: '/catalog/default/component/hello-world',
};

describe('DataProjectHealthCard', () => {
  it("rolls up each dataset's freshness and quality, and the month's cost against the budget", async () => {
    const getCostRollup = jest.fn(async () =>
      page([
        { project: 'hello-world', dbus: 12.5, estimated: true, runCount: 3 },
      ]),
    );
    const getBudgets = jest.fn(async () => ({ items: [budget] }));
    await renderWithEntity(<DataProjectHealthCard />, helloWorldComponent, {
      getProject: async () => helloWorldStructure(),
      listFreshness: async () =>
        page([fresh, { ...fresh, dataset: 'CustomerOrder', status: 'stale' }]),
      listQualityResults: async (query: any) =>
        page(
          query.dataset === 'TotalSales'
            ? [
                // newest first: the older fail of not_null no longer counts
                qualityResult('not_null:category', 'pass'),
                qualityResult('range:net_revenue', 'pass'),
                qualityResult('not_null:category', 'fail'),
              ]
            : [],
        ),
      getCostRollup,
      getBudgets,
    });

    const sales = (
      await screen.findByRole('link', { name: 'TotalSales' })
    ).closest('tr')!;
    expect(within(sales).getByText('Fresh')).toBeInTheDocument();
    expect(within(sales).getByText('2 of 2 rules pass')).toBeInTheDocument();
    const orders = screen
      .getByRole('link', { name: 'CustomerOrder' })
      .closest('tr')!;
    expect(within(orders).getByText('Stale')).toBeInTheDocument();
    expect(within(orders).getByText('No checks yet')).toBeInTheDocument();
    expect(
      screen.getByText('12.5 DBUs (estimated) of a 40 DBUs budget (31 %)'),
    ).toBeInTheDocument();
    const month = new Date().toISOString().slice(0, 7);
    expect(getCostRollup).toHaveBeenCalledWith({
      groupBy: 'project',
      project: 'hello-world',
      from: month,
      to: month,
    });
    expect(getBudgets).toHaveBeenCalledWith({ project: 'hello-world' });
  });

  it('says there is no budget and nothing written yet', async () => {
    await renderWithEntity(<DataProjectHealthCard />, helloWorldComponent, {
      getProject: async () => helloWorldStructure(),
      listFreshness: async () => page([]),
      listQualityResults: async () => page([]),
      getCostRollup: async () => page([]),
      getBudgets: async () => ({ items: [] }),
    });
    expect(
      await screen.findByText('0 DBUs; no monthly budget set'),
    ).toBeInTheDocument();
    expect(screen.getAllByText('Not written yet')).toHaveLength(2);
  });

  it('says so when the project declares no datasets', async () => {
    await renderWithEntity(<DataProjectHealthCard />, helloWorldComponent, {
      getProject: async () => helloWorldStructure({ datasets: [] }),
      listFreshness: async () => page([]),
      getCostRollup: async () => page([]),
      getBudgets: async () => ({ items: [] }),
    });
    expect(
      await screen.findByText('This data project declares no datasets yet.'),
    ).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    await renderWithEntity(<DataProjectHealthCard />, helloWorldComponent, {
      getProject: () => pending(),
    });
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error when a figure cannot be read', async () => {
    await renderWithEntity(<DataProjectHealthCard />, helloWorldComponent, {
      getProject: async () => helloWorldStructure(),
      listFreshness: async () => {
        throw new Error('Freshness is unavailable');
      },
      listQualityResults: async () => page([]),
      getCostRollup: async () => page([]),
      getBudgets: async () => ({ items: [] }),
    });
    expect(
      (await screen.findAllByText(/Freshness is unavailable/))[0],
    ).toBeInTheDocument();
  });
});
