import { expect, Page, test } from '@playwright/test';
import { openEntityTab, sidebar, signInAs } from './signIn';

const SCREENSHOTS = 'e2e-test-results/screenshots';

/** Keeps a full-page picture of what the user sees now. */
async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

// The walk of a consumer deciding whether TotalSales fits: found through
// search, judged on its schema, quality, freshness, cost and lineage. Navigation stays
// inside the single-page app after sign-in: a reload costs seconds.
test.describe('a consumer judges a data product', () => {
  test.describe.configure({ timeout: 300_000 });
  // Tall enough for each tab whole: a full-page picture of a taller page
  // draws the fixed sidebar part-way down.
  test.use({ viewport: { width: 1280, height: 1300 } });

  test('fiona finds TotalSales through search and judges its fitness', async ({
    page,
  }) => {
    await signInAs(page, 'fiona');

    // Search: the sidebar's search box lists the data product. The index
    // is built a little after the portal starts and then every 2 minutes,
    // so the query is asked again until the product is in it. The search
    // box only asks when its text changes, so the attempts alternate the
    // case of the term (the index is not case sensitive).
    await sidebar(page).getByRole('button', { name: 'Search' }).click();
    const search = page.getByRole('dialog');
    const box = search.getByRole('textbox', { name: 'Search' });
    const hit = search.getByRole('link', { name: /TotalSales/ }).first();
    let attempt = 0;
    await expect(async () => {
      const term = attempt++ % 2 ? 'totalsales' : 'TotalSales';
      const answered = page.waitForResponse(
        response =>
          response.url().includes('/api/search/query') &&
          response.url().includes(`term=${term}`),
        { timeout: 10_000 },
      );
      await box.fill(term);
      await answered;
      await expect(hit).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 180_000, intervals: [5_000] });
    await screenshot(page, 'fiona-search');
    await hit.click();
    await expect(
      page.getByRole('heading', { name: /TotalSales/ }).first(),
    ).toBeVisible();
    await screenshot(page, 'fiona-overview');

    // Schema: a derived column shows the formula that computes it.
    await openEntityTab(page, 'Schema');
    const orderCount = page.getByRole('row', { name: /^order_count/ });
    await expect(orderCount).toContainText('count(DISTINCT order_id)');
    await screenshot(page, 'fiona-schema');

    // Quality: the demo history gives every rule a month of checks.
    await openEntityTab(page, 'Quality');
    const quality = page.getByRole('figure', {
      name: 'Quality rule results over time',
    });
    await expect(quality).toBeVisible();
    await expect(
      quality.locator('.recharts-scatter-symbol').first(),
    ).toBeVisible();
    await expect(
      page.getByRole('heading', { name: 'Last failures' }),
    ).toBeVisible();
    await screenshot(page, 'fiona-quality');

    // Freshness: the writes against the 26-hour SLA.
    await openEntityTab(page, 'Freshness');
    const freshness = page.getByRole('figure', {
      name: 'Writes against the freshness SLA',
    });
    await expect(freshness.getByText('SLA 26 h')).toBeVisible();
    await screenshot(page, 'fiona-freshness');

    // Cost: per run and per month, estimates told from bills.
    await openEntityTab(page, 'Cost');
    const perRun = page.getByRole('figure', { name: 'DBUs per run' });
    await expect(
      perRun.locator('.recharts-bar-rectangle path').first(),
    ).toBeVisible();
    await expect(
      page.getByRole('figure', { name: 'DBUs per month' }),
    ).toBeVisible();
    await expect(
      page.getByRole('columnheader', { name: 'Estimated/Billed' }),
    ).toBeVisible();
    await screenshot(page, 'fiona-cost');

    // Lineage: choosing a column lists what changing it would affect.
    await openEntityTab(page, 'Lineage');
    await page
      .getByRole('button', { name: 'net_revenue', exact: true })
      .click();
    await expect(
      page.getByRole('region', { name: 'Where net_revenue comes from' }),
    ).toContainText('sum(');
    // TotalSales is the end of Hello World's flow: the list says what
    // reads the column downstream, or that nothing does.
    await expect(
      page.getByRole('region', { name: 'Impact of changing net_revenue' }),
    ).toContainText(/Columns \(\d+\)|No dataset downstream reads net_revenue/);
    await screenshot(page, 'fiona-lineage');
  });
});
