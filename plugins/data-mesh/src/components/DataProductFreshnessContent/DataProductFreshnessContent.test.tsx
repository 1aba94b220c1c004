import { screen, within } from '@testing-library/react';
import { DatasetFreshness } from '../../api';
import { totalSales } from '../DataProductEntity/__testUtils__/totalSales';
import { renderWithEntity } from '../DataProductEntity/__testUtils__/renderWithEntity';
import {
  publishedTotalSales,
  run,
  runsApi,
  task,
} from '../DataProductRunHistory/__testUtils__/runHistory';
import { DataProductFreshnessContent } from './DataProductFreshnessContent';
import { datasetWrites, slaHoursOf } from './freshnessWrites';

const report: DatasetFreshness = {
  dataset: 'TotalSales',
  project: 'hello-world',
  owner: 'group:default/sales-analytics',
  table: 'gold.total_sales',
  status: 'stale',
  ageHours: 30,
  slaHours: 26,
  lastWrittenAt: '2026-12-04T06:05:00Z',
  message: 'Written 30 hours ago, past its 26-hour SLA.',
};

// Newest first: daily writes, one 48 hours apart (the SLA is 26 hours).
const runs = [
  run('r4', '2026-12-04T06:00:00Z', [
    task('r4/a', 'ComputeSales', {
      endedAt: '2026-12-04T06:05:00Z',
      rowsWritten: 24,
    }),
  ]),
  run('r3', '2026-12-02T06:00:00Z', [
    task('r3/a', 'Join-customers-redo', { endedAt: '2026-12-02T06:01:00Z' }),
    task('r3/b', 'ComputeSales', {
      endedAt: '2026-12-02T06:05:00Z',
      rowsWritten: 23,
    }),
  ]),
  run('r2', '2026-12-01T06:00:00Z', [
    task('r2/a', 'ComputeSales', {
      status: 'failed',
      endedAt: '2026-12-01T06:02:00Z',
    }),
  ]),
  run('r1', '2026-12-01T05:00:00Z', [
    task('r1/a', 'ComputeSales', {
      endedAt: '2026-12-01T06:05:00Z',
      rowsWritten: 22,
    }),
  ]),
];

describe('datasetWrites', () => {
  it('measures each successful write from the one before', () => {
    const writes = datasetWrites(
      runs.map(r => ({
        run: r,
        writers: r.tasks.filter(t => t.datasets.includes('TotalSales')),
      })),
    );
    expect(writes.map(w => [w.jobRunId, w.hoursSincePrevious])).toEqual([
      ['r1', undefined],
      ['r3', 24],
      ['r4', 48],
    ]);
  });

  it('reads SLA durations in hours', () => {
    expect(slaHoursOf({ property: 'freshness', value: 26, unit: 'h' })).toBe(
      26,
    );
    expect(slaHoursOf({ property: 'latency', value: 2, unit: 'd' })).toBe(48);
    expect(slaHoursOf({ property: 'latency', value: '06:00 UTC' })).toBe(
      undefined,
    );
    expect(slaHoursOf(undefined)).toBe(undefined);
  });
});

describe('DataProductFreshnessContent', () => {
  it('charts every write against the SLA and shows the current status', async () => {
    const api = runsApi(runs);
    const listFreshness = jest.fn(async () => ({
      items: [{ ...report, dataset: 'DailySummary' }, report],
      totalCount: 2,
    }));
    await renderWithEntity(
      <DataProductFreshnessContent />,
      publishedTotalSales,
      {
        ...api,
        listFreshness,
      },
    );

    const chart = await screen.findByRole('figure', {
      name: 'Writes against the freshness SLA',
    });
    expect(api.listRuns).toHaveBeenCalledWith({
      project: 'hello-world',
      dataset: 'TotalSales',
      limit: 30,
    });
    expect(listFreshness).toHaveBeenCalledWith({
      project: 'hello-world',
      limit: 500,
    });
    // Two gaps between three writes, and the SLA line.
    expect(chart.querySelectorAll('.recharts-bar-rectangle')).toHaveLength(2);
    expect(within(chart).getByText('SLA 26 h')).toBeInTheDocument();

    expect(screen.getByText('Stale')).toBeInTheDocument();
    expect(screen.getByText(/past its 26-hour SLA/)).toBeInTheDocument();
    expect(
      screen.getByText(
        'The contract promises an update at least every 26 hours.',
      ),
    ).toBeInTheDocument();

    const writes = screen.getAllByRole('row').slice(1);
    expect(writes).toHaveLength(3);
    expect(writes[0]).toHaveTextContent('r4');
    expect(writes[0]).toHaveTextContent('48 h (over SLA)');
    expect(writes[1]).toHaveTextContent('r3');
    expect(writes[1]).toHaveTextContent('24 h');
    expect(writes[1]).not.toHaveTextContent('over SLA');
  });

  it('says so when one write is not enough for a gap', async () => {
    await renderWithEntity(
      <DataProductFreshnessContent />,
      publishedTotalSales,
      {
        ...runsApi(runs.slice(0, 1)),
        listFreshness: async () => ({ items: [report], totalCount: 1 }),
      },
    );

    expect(
      await screen.findByText(/The chart needs two writes/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('figure')).toBeNull();
  });

  it('says how to get a run when nothing was written yet', async () => {
    await renderWithEntity(
      <DataProductFreshnessContent />,
      publishedTotalSales,
      {
        ...runsApi([]),
        listFreshness: async () => ({
          items: [
            {
              ...report,
              status: 'unknown',
              lastWrittenAt: undefined,
              message: 'Never written.',
            },
          ],
          totalCount: 1,
        }),
      },
    );

    expect(await screen.findByText('No runs measured yet')).toBeInTheDocument();
  });

  it('shows progress while the runs load', async () => {
    await renderWithEntity(
      <DataProductFreshnessContent />,
      publishedTotalSales,
      {
        listRuns: () => new Promise<never>(() => {}),
        listFreshness: () => new Promise<never>(() => {}),
      },
    );

    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error when the runs cannot be read', async () => {
    await renderWithEntity(
      <DataProductFreshnessContent />,
      publishedTotalSales,
      {
        ...runsApi(runs),
        getRun: async () => {
          throw new Error('run r4 is gone');
        },
        listFreshness: async () => ({ items: [report], totalCount: 1 }),
      },
    );

    expect(
      await screen.findByText('Error: run r4 is gone'),
    ).toBeInTheDocument();
  });

  it('does not ask the backend about a product no project publishes', async () => {
    const listRuns = jest.fn();
    await renderWithEntity(<DataProductFreshnessContent />, totalSales, {
      listRuns,
    });

    expect(
      await screen.findByText('Not measured by Meshwork'),
    ).toBeInTheDocument();
    expect(listRuns).not.toHaveBeenCalled();
  });
});
