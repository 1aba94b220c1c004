import { expect, test } from '@playwright/test';
import { BACKEND, tokenOf } from './backend';
import { signInAs } from './signIn';

/** Who the demo history's runs are requested by (DEMO_HISTORY_REQUESTER). */
const DEMO_HISTORY = 'meshwork-demo-history';

/** The days of history app-config.yaml asks for, and Hello World's jobs. */
const DAYS = 30;
const JOBS = ['DailySummary', 'Job-Test'];

test.describe('the demo run history', () => {
  test('sam finds a month of Hello World runs, quality results and freshness on a fresh portal', async ({
    page,
  }) => {
    await signInAs(page, 'sam');
    const headers = {
      authorization: `Bearer ${await tokenOf(page.request, 'sam')}`,
    };
    const api = async (path: string) => {
      const res = await page.request.get(`${BACKEND}/api/data-mesh${path}`, {
        headers,
      });
      expect(res.status(), path).toBe(200);
      return res.json();
    };

    // Written once the catalog lists the project, a few seconds after start.
    let demoRuns: any[] = [];
    await expect
      .poll(
        async () => {
          const page1 = await api('/runs?project=hello-world&limit=500');
          demoRuns = page1.items.filter(
            (run: any) => run.requestedBy === DEMO_HISTORY,
          );
          return demoRuns.length;
        },
        { timeout: 60_000, intervals: [1_000] },
      )
      .toBe(DAYS * JOBS.length);

    for (const job of JOBS) {
      expect(demoRuns.filter(run => run.job === job)).toHaveLength(DAYS);
    }
    expect(demoRuns.every(run => run.trigger === 'schedule')).toBe(true);
    const failed = demoRuns.filter(run => run.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0].error).toMatch(/^task \w+ \(pipeline [\w-]+\): .+/);
    const weekAgo = Date.now() - 8 * 24 * 60 * 60 * 1000;
    expect(Date.parse(failed[0].queuedAt)).toBeGreaterThan(weekAgo);

    // The run's detail lists its tasks: the failed one and those skipped.
    const detail = await api(`/runs/${failed[0].id}`);
    const statuses = detail.tasks.map((task: any) => task.status);
    expect(statuses).toContain('failed');
    expect(statuses).toContain('skipped');

    // TotalSales has a quality history and a last write.
    const quality = await api(
      '/quality?project=hello-world&dataset=TotalSales&limit=500',
    );
    expect(quality.totalCount).toBeGreaterThanOrEqual(4 * (DAYS - 1));
    const freshness = await api('/freshness?project=hello-world');
    const totalSales = freshness.items.find(
      (item: any) => item.dataset === 'TotalSales',
    );
    expect(totalSales.lastWrittenAt).toBeTruthy();

    // Costs: billed months before this one, estimates in this one.
    const months = await api('/cost?groupBy=month&project=hello-world');
    expect(months.items.length).toBeGreaterThanOrEqual(1);
    expect(
      months.items.reduce((sum: number, row: any) => sum + row.runCount, 0),
    ).toBeGreaterThanOrEqual(DAYS * JOBS.length);
  });
});
