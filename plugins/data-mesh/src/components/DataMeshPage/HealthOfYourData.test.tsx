import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { DataMeshApi, dataMeshApiRef, MonitoringSummary } from '../../api';
import { HealthOfYourData } from './HealthOfYourData';

const SALES = 'group:default/sales-analytics';

const quiet: MonitoringSummary = {
  projects: ['hello-world'],
  failingJobs: [],
  missedSlas: [],
  qualityBreaches: [],
  budgets: [
    {
      scope: 'team',
      name: SALES,
      month: '2026-12',
      budgetDbus: 500,
      usedDbus: 120.25,
      ratio: 0.2405,
      estimated: false,
      entityRef: SALES,
      link: '/catalog/default/group/sales-analytics',
    },
  ],
};

const troubled: MonitoringSummary = {
  projects: ['hello-world'],
  failingJobs: [
    {
      project: 'hello-world',
      job: 'DailySummary',
      jobRunId: 'run-7',
      endedAt: '2026-12-05T06:01:00.000Z',
      task: 'compute_sales',
      error: 'DIVIDE_BY_ZERO: Division by zero in completed_lines',
      entityRef: 'component:default/hello-world',
      link: '/catalog/default/component/hello-world',
      runLink: '/catalog/default/component/hello-world/runs?run=run-7',
    },
  ],
  missedSlas: [
    {
      project: 'hello-world',
      dataset: 'CustomerOrder',
      owner: SALES,
      slaHours: 26,
      lastWrittenAt: '2026-12-02T06:00:00.000Z',
      ageHours: 78,
      message: 'Last written 78 hours ago; the SLA is 26 hours',
      entityRef: 'dataproduct:default/customer-order',
      link: '/catalog/default/dataproduct/customer-order',
    },
  ],
  qualityBreaches: [
    {
      project: 'hello-world',
      dataset: 'TotalSales',
      ruleKey: 'row_count',
      ruleLabel: 'at least 1 row',
      status: 'fail',
      observed: '0',
      jobRunId: 'run-7',
      evaluatedAt: '2026-12-05T06:02:00.000Z',
      lastGoodRunId: 'run-6',
      lastGoodAt: '2026-12-04T06:02:00.000Z',
      entityRef: 'dataproduct:default/total-sales',
      link: '/catalog/default/dataproduct/total-sales',
    },
  ],
  budgets: [
    { ...quiet.budgets[0], usedDbus: 430, ratio: 0.86, estimated: true },
    {
      scope: 'project',
      name: 'hello-world',
      month: '2026-12',
      budgetDbus: 300,
      usedDbus: 330,
      ratio: 1.1,
      estimated: true,
      entityRef: 'component:default/hello-world',
      link: '/catalog/default/component/hello-world',
    },
  ],
};

function renderHealth(
  getMonitoringSummary: DataMeshApi['getMonitoringSummary'],
) {
  return renderInTestApp(<HealthOfYourData />, {
    apis: [[dataMeshApiRef, { getMonitoringSummary }]],
  });
}

describe('HealthOfYourData', () => {
  it('shows progress while the summary loads', async () => {
    await renderHealth(() => new Promise(() => {}));
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('says all is well, with the budgets, when nothing needs attention', async () => {
    await renderHealth(async () => quiet);

    expect(await screen.findByText('All is well')).toBeInTheDocument();
    expect(screen.getByText(/1 project checked/)).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    const gauge = screen.getByRole('progressbar', {
      name: 'sales-analytics budget for 2026-12',
    });
    expect(gauge).toHaveAttribute('aria-valuenow', '24');
    expect(
      screen.getByText(/120\.3 of 500 DBUs in 2026-12 \(24 %\)/),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('estimated until billed'),
    ).not.toBeInTheDocument();
  });

  it('says what to look after when the user looks after nothing', async () => {
    await renderHealth(async () => ({ ...quiet, projects: [] }));

    expect(
      await screen.findByText(/Your teams look after no data project yet/),
    ).toBeInTheDocument();
    expect(screen.queryByText('All is well')).not.toBeInTheDocument();
    // The team's own budget still shows.
    expect(
      screen.getByRole('progressbar', {
        name: 'sales-analytics budget for 2026-12',
      }),
    ).toBeInTheDocument();
  });

  it('shows the error when the summary cannot be read', async () => {
    await renderHealth(async () => {
      throw new Error('backend down');
    });
    expect(await screen.findByText('Error: backend down')).toBeInTheDocument();
  });

  it('lists each problem with a link to where it is fixed', async () => {
    await renderHealth(async () => troubled);

    expect(await screen.findByText('Failing jobs (1)')).toBeInTheDocument();
    expect(screen.queryByText('All is well')).not.toBeInTheDocument();

    const failing = screen.getByRole('table', { name: 'Failing jobs' });
    const [, jobRow] = within(failing).getAllByRole('row');
    expect(
      within(jobRow).getByRole('link', { name: 'DailySummary' }),
    ).toHaveAttribute('href', '/catalog/default/component/hello-world');
    expect(jobRow).toHaveTextContent('compute_sales');
    expect(jobRow).toHaveTextContent(
      'DIVIDE_BY_ZERO: Division by zero in completed_lines',
    );
    expect(
      within(jobRow).getByRole('link', { name: '2026-12-05 06:01 UTC' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/hello-world/runs?run=run-7',
    );

    const slas = screen.getByRole('table', { name: 'Missed SLAs' });
    expect(
      within(slas).getByRole('link', { name: 'CustomerOrder' }),
    ).toHaveAttribute('href', '/catalog/default/dataproduct/customer-order');
    expect(slas).toHaveTextContent('26 h');
    expect(slas).toHaveTextContent(
      'Last written 78 hours ago; the SLA is 26 hours',
    );

    const quality = screen.getByRole('table', { name: 'Quality breaches' });
    const [, breachRow] = within(quality).getAllByRole('row');
    expect(
      within(breachRow).getByRole('link', { name: 'TotalSales' }),
    ).toHaveAttribute('href', '/catalog/default/dataproduct/total-sales');
    expect(breachRow.textContent).toBe(
      'TotalSalesat least 1 rowobserved 02026-12-05 06:02 UTC2026-12-04 06:02 UTC',
    );

    const teamGauge = screen.getByRole('progressbar', {
      name: 'sales-analytics budget for 2026-12',
    });
    expect(teamGauge).toHaveAttribute('aria-valuenow', '86');
    const projectGauge = screen.getByRole('progressbar', {
      name: 'hello-world budget for 2026-12',
    });
    expect(projectGauge).toHaveAttribute('aria-valuenow', '110');
    expect(screen.getByRole('link', { name: 'hello-world' })).toHaveAttribute(
      'href',
      '/catalog/default/component/hello-world',
    );
    expect(screen.getAllByText('estimated until billed')).toHaveLength(2);
  });
});
