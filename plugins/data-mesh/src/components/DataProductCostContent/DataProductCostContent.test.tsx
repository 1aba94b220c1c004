import { screen, within } from '@testing-library/react';
import { Budget, CostRollup } from '../../api';
import { totalSales } from '../DataProductEntity/__testUtils__/totalSales';
import { renderWithEntity } from '../DataProductEntity/__testUtils__/renderWithEntity';
import {
  cost,
  publishedTotalSales,
  run,
  runsApi,
  task,
} from '../DataProductRunHistory/__testUtils__/runHistory';
import { DataProductCostContent } from './DataProductCostContent';

// Newest first. r2 is still estimated per task; r1 has its bill.
const runs = [
  run(
    'r2',
    '2026-12-04T06:00:00Z',
    [task('r2/a', 'Join-customers-redo'), task('r2/b', 'ComputeSales')],
    [
      cost('r2', 0.5, { taskRunId: 'r2/a', pipeline: 'Join-customers-redo' }),
      cost('r2', 1.25, { taskRunId: 'r2/b', pipeline: 'ComputeSales' }),
    ],
  ),
  run(
    'r1',
    '2026-12-03T06:00:00Z',
    [task('r1/a', 'ComputeSales')],
    [cost('r1', 2, { estimated: false, source: 'system.billing.usage' })],
  ),
  // Still running: no cost recorded yet, so no bar.
  run('r0', '2026-12-03T05:00:00Z', [task('r0/a', 'ComputeSales')]),
];

const months: CostRollup[] = [
  { month: '2026-12', dbus: 3.75, runCount: 2, estimated: true },
  { month: '2026-11', dbus: 40, runCount: 30, estimated: false },
];

const budget: Budget = {
  scope: 'project',
  name: 'hello-world',
  month: '2026-12',
  budgetDbus: 50,
  usedDbus: 3.75,
  ratio: 0.075,
  estimated: true,
  entityRef: 'component:default/hello-world',
  link: '/catalog/default/component/hello-world',
};

function costApi(budgets: Budget[] = [budget]) {
  return {
    ...runsApi(runs),
    getCostRollup: jest.fn(async () => ({
      items: months,
      totalCount: months.length,
    })),
    getBudgets: jest.fn(async () => ({
      items: [
        {
          ...budget,
          scope: 'team' as const,
          name: 'group:default/sales-analytics',
        },
        ...budgets,
      ],
    })),
  };
}

describe('DataProductCostContent', () => {
  it('charts DBUs per run and per month, estimates marked, against the budget', async () => {
    const api = costApi();
    await renderWithEntity(
      <DataProductCostContent />,
      publishedTotalSales,
      api,
    );

    const perRun = await screen.findByRole('figure', { name: 'DBUs per run' });
    const perMonth = screen.getByRole('figure', { name: 'DBUs per month' });
    expect(api.getCostRollup).toHaveBeenCalledWith({
      groupBy: 'month',
      project: 'hello-world',
      limit: 500,
    });
    expect(api.getBudgets).toHaveBeenCalledWith({ project: 'hello-world' });

    // One bar per costed run, one per month; each chart's legend tells
    // estimated from billed.
    expect(
      perRun.querySelectorAll('.recharts-bar-rectangle path'),
    ).toHaveLength(2);
    expect(
      perMonth.querySelectorAll('.recharts-bar-rectangle path'),
    ).toHaveLength(2);
    for (const chart of [perRun, perMonth]) {
      expect(within(chart).getByText('Estimated')).toBeInTheDocument();
      expect(within(chart).getByText('Billed')).toBeInTheDocument();
    }
    // Estimates are hatched, bills solid.
    const fills = [
      ...perRun.querySelectorAll('.recharts-bar-rectangle path'),
    ].map(path => path.getAttribute('fill'));
    expect(fills).toContain('url(#runs-estimated)');
    expect(fills.filter(f => !f?.startsWith('url('))).toHaveLength(1);
    expect(within(perMonth).getByText('Budget 50 DBUs')).toBeInTheDocument();
    expect(
      screen.getByText(/2026-12: 3\.75 DBUs of the 50 DBUs monthly budget/),
    ).toBeInTheDocument();

    const rows = screen.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    // Only the task writing TotalSales counts while estimated...
    expect(rows[0]).toHaveTextContent('r2');
    expect(rows[0]).toHaveTextContent('1.25 DBUs');
    expect(rows[0]).toHaveTextContent('Estimated');
    expect(rows[0]).toHaveTextContent('ComputeSales');
    // ...and the bill covers the whole run.
    expect(rows[1]).toHaveTextContent('r1');
    expect(rows[1]).toHaveTextContent('2 DBUs');
    expect(rows[1]).toHaveTextContent('Billed');
    expect(rows[1]).toHaveTextContent('whole run');
  });

  it('shows the costs without a budget line when the project has none', async () => {
    await renderWithEntity(
      <DataProductCostContent />,
      publishedTotalSales,
      costApi([]),
    );

    const perMonth = await screen.findByRole('figure', {
      name: 'DBUs per month',
    });
    expect(within(perMonth).queryByText(/^Budget/)).toBeNull();
    expect(
      screen.getByText('The hello-world project has no monthly DBU budget.'),
    ).toBeInTheDocument();
  });

  it('still shows the costs when the budget cannot be read', async () => {
    await renderWithEntity(<DataProductCostContent />, publishedTotalSales, {
      ...costApi(),
      getBudgets: async () => {
        throw new Error('budgets are resting');
      },
    });

    expect(
      await screen.findByRole('figure', { name: 'DBUs per run' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/could not be read: budgets are resting/),
    ).toBeInTheDocument();
  });

  it('says how to get a run when nothing was costed yet', async () => {
    await renderWithEntity(<DataProductCostContent />, publishedTotalSales, {
      ...runsApi([]),
      getCostRollup: async () => ({ items: [], totalCount: 0 }),
      getBudgets: async () => ({ items: [] }),
    });

    expect(await screen.findByText('No runs measured yet')).toBeInTheDocument();
  });

  it('shows progress while the costs load', async () => {
    await renderWithEntity(<DataProductCostContent />, publishedTotalSales, {
      ...costApi(),
      getCostRollup: () => new Promise<never>(() => {}),
    });

    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error when the costs cannot be read', async () => {
    await renderWithEntity(<DataProductCostContent />, publishedTotalSales, {
      ...costApi(),
      getCostRollup: async () => {
        throw new Error('cost roll-up failed');
      },
    });

    expect(
      await screen.findByText('Error: cost roll-up failed'),
    ).toBeInTheDocument();
  });

  it('does not ask the backend about a product no project publishes', async () => {
    const listRuns = jest.fn();
    await renderWithEntity(<DataProductCostContent />, totalSales, {
      listRuns,
    });

    expect(
      await screen.findByText('Not measured by Meshwork'),
    ).toBeInTheDocument();
    expect(listRuns).not.toHaveBeenCalled();
  });
});
