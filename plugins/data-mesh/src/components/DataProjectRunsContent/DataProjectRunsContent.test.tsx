import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DataMeshApi, JobRun } from '../../api';
import { renderWithEntity } from '../DataProductEntity/__testUtils__/renderWithEntity';
import {
  helloWorldComponent,
  helloWorldStructure,
  jobRun,
  page,
  pending,
  qualityResult,
  taskRun,
} from '../DataProjectEntity/__testUtils__/helloWorldProject';
import {
  DataProjectRunsContent,
  RUNS_PAGE_SIZE,
} from './DataProjectRunsContent';

function render(api: Partial<DataMeshApi>) {
  return renderWithEntity(
    <DataProjectRunsContent pollIntervalMs={10} />,
    helloWorldComponent,
    api,
  );
}

describe('DataProjectRunsContent', () => {
  it('lists the runs newest first, a page at a time', async () => {
    const older = jobRun({ id: 'run-0', job: 'Job-Test', status: 'failed' });
    const listRuns = jest.fn(async (query: any) =>
      query.cursor === 'page-2'
        ? page([older], undefined, RUNS_PAGE_SIZE + 1)
        : page(
            [jobRun({ trigger: 'manual', requestedBy: 'user:default/sam' })],
            'page-2',
            RUNS_PAGE_SIZE + 1,
          ),
    );
    await render({
      getProject: async () => helloWorldStructure(),
      listRuns,
    });

    const row = (await screen.findByText('DailySummary')).closest('tr')!;
    expect(within(row).getByText('Succeeded')).toBeInTheDocument();
    expect(within(row).getByText('2m 00s')).toBeInTheDocument();
    expect(
      within(row).getByText('Run now by user:default/sam'),
    ).toBeInTheDocument();
    expect(listRuns).toHaveBeenCalledWith({
      project: 'hello-world',
      limit: RUNS_PAGE_SIZE,
      cursor: undefined,
    });
    expect(
      screen.getByText(`1–1 of ${RUNS_PAGE_SIZE + 1}`),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Older' }));
    expect(await screen.findByText('Job-Test')).toBeInTheDocument();
    expect(listRuns).toHaveBeenLastCalledWith({
      project: 'hello-world',
      limit: RUNS_PAGE_SIZE,
      cursor: 'page-2',
    });
    expect(screen.getByRole('button', { name: 'Older' })).toBeDisabled();

    await userEvent.click(screen.getByRole('button', { name: 'Newer' }));
    expect(await screen.findByText('DailySummary')).toBeInTheDocument();
  });

  it('opens a run onto its task runs with rows, duration, quality and error', async () => {
    const listQualityResults = jest.fn(async (query: any) =>
      page(
        query.dataset === 'TotalSales'
          ? [
              qualityResult('not_null:category', 'fail'),
              qualityResult('unique:currency,category', 'pass'),
            ]
          : [],
      ),
    );
    await render({
      getProject: async () => helloWorldStructure(),
      listRuns: async () => page([jobRun({ status: 'failed' })]),
      getRun: async () => ({
        ...jobRun({ status: 'failed' }),
        costs: [],
        tasks: [
          taskRun(),
          taskRun({
            id: 'task-2',
            taskKey: 'account_lengths',
            pipeline: 'account_length_days',
            status: 'failed',
            rowsWritten: undefined,
            datasets: ['AccountLength'],
            error: 'Conversion Error: date out of range',
          }),
        ],
      }),
      listQualityResults,
    });

    await screen.findByText('DailySummary');
    await userEvent.click(
      screen.getAllByRole('button', { name: /detail panel/i })[0],
    );

    const task = (await screen.findByText('compute_sales')).closest('tr')!;
    expect(within(task).getByText('1,234 rows')).toBeInTheDocument();
    expect(within(task).getByText('1m 05s')).toBeInTheDocument();
    expect(
      within(task).getByText('1 of 2 rules pass, 1 fails'),
    ).toBeInTheDocument();
    expect(listQualityResults).toHaveBeenCalledWith({
      dataset: 'TotalSales',
      project: 'hello-world',
      jobRunId: 'run-1',
      limit: 500,
    });
    const failed = screen.getByText('account_lengths').closest('tr')!;
    expect(
      within(failed).getByText('Conversion Error: date out of range'),
    ).toBeInTheDocument();
    expect(within(failed).getByText('No rules checked')).toBeInTheDocument();
  });

  it('runs a job now, shows the queued run and follows it to its end', async () => {
    const queued = jobRun({
      id: 'run-2',
      status: 'queued',
      trigger: 'manual',
      startedAt: undefined,
      endedAt: undefined,
      queuedAt: '2026-12-05T09:00:00Z',
    });
    let runs: JobRun[] = [jobRun()];
    const listRuns = jest.fn(async () => page(runs));
    const runJob = jest.fn(async () => {
      runs = [queued, ...runs];
      return { id: 'run-2' };
    });
    await render({
      getProject: async () => helloWorldStructure(),
      listRuns,
      runJob,
    });

    await screen.findByText('DailySummary');
    await userEvent.click(screen.getByRole('button', { name: 'Run now' }));
    await userEvent.click(
      await screen.findByRole('menuitem', { name: /DailySummary/ }),
    );
    expect(runJob).toHaveBeenCalledWith('hello-world', 'DailySummary');
    expect(await screen.findByText('Queued')).toBeInTheDocument();

    const reads = listRuns.mock.calls.length;
    runs = [
      { ...queued, status: 'running', startedAt: '2026-12-05T09:00:01Z' },
      jobRun(),
    ];
    expect(await screen.findByText('Running')).toBeInTheDocument();
    runs = [
      {
        ...queued,
        status: 'succeeded',
        startedAt: '2026-12-05T09:00:01Z',
        endedAt: '2026-12-05T09:00:31Z',
      },
      jobRun(),
    ];
    await waitFor(() =>
      expect(screen.getAllByText('Succeeded')).toHaveLength(2),
    );
    expect(listRuns.mock.calls.length).toBeGreaterThan(reads);
    // Once every run has ended, the page is not read again.
    const settled = listRuns.mock.calls.length;
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(listRuns.mock.calls.length).toBe(settled);
  });

  it('says why a run could not start', async () => {
    await render({
      getProject: async () => helloWorldStructure(),
      listRuns: async () => page([jobRun()]),
      runJob: async () => {
        throw new Error('A run of DailySummary is already queued');
      },
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Run now' }),
    );
    await userEvent.click(
      await screen.findByRole('menuitem', { name: /Job-Test/ }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not start Job-Test: A run of DailySummary is already queued',
    );
  });

  it('hides "Run now" from those who may not run the jobs', async () => {
    await render({
      getProject: async () => helloWorldStructure({ canRun: false }),
      listRuns: async () => page([jobRun()]),
    });
    expect(await screen.findByText('DailySummary')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Run now' }),
    ).not.toBeInTheDocument();
  });

  it('offers "Run now" on an empty project to those who may', async () => {
    await render({
      getProject: async () => helloWorldStructure(),
      listRuns: async () => page([]),
    });
    expect(await screen.findByText('No runs yet')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Run now' })).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    await render({ getProject: () => pending(), listRuns: () => pending() });
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error when the runs cannot be read', async () => {
    await render({
      getProject: async () => helloWorldStructure(),
      listRuns: async () => {
        throw new Error('The facts store is unavailable');
      },
    });
    expect(
      (await screen.findAllByText(/The facts store is unavailable/))[0],
    ).toBeInTheDocument();
  });
});
