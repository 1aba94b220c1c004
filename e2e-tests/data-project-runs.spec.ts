import { expect, Page, test } from '@playwright/test';
import { openEntityTab, sidebar, signInAs } from './signIn';

/** Opens Hello World's Runs tab from the Data Mesh page, inside the app. */
async function openHelloWorldRuns(page: Page) {
  await sidebar(page).getByRole('link', { name: 'Data Mesh' }).click();
  await page.getByRole('link', { name: 'Hello World' }).first().click();
  await expect(page).toHaveURL(/\/catalog\/default\/component\/hello-world/);
  await openEntityTab(page, 'Runs');
  await expect(
    page.getByText('Job runs').or(page.getByText('No runs yet')),
  ).toBeVisible({
    timeout: 30_000,
  });
}

/** The number of runs the Runs tab says there are. */
async function runCount(page: Page): Promise<number> {
  if (await page.getByText('No runs yet').isVisible()) return 0;
  const subtitle = await page.getByText(/^\d+ runs?$/).textContent();
  return Number(subtitle?.split(' ')[0]);
}

test.describe('the data project Runs tab', () => {
  test('sam runs DailySummary now and follows the run to its end', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await signInAs(page, 'sam');
    await openHelloWorldRuns(page);
    const before = await runCount(page);

    await page.getByRole('button', { name: 'Run now' }).click();
    await page.getByRole('menuitem', { name: /^DailySummary/ }).click();

    await expect(
      page.getByText(`${before + 1} run${before === 0 ? '' : 's'}`),
    ).toBeVisible({
      timeout: 30_000,
    });
    const newest = page.locator('tbody tr').first();
    await expect(newest).toContainText('DailySummary');
    await expect(newest).toContainText('Run now by user:default/sam');
    await page.screenshot({
      path: 'e2e-test-results/screenshots/sam-runs-queued.png',
      fullPage: true,
    });
    await expect(newest).toContainText('Succeeded', { timeout: 150_000 });

    // Its task runs, with rows and the quality of what they wrote.
    await newest.getByRole('button', { name: /detail panel/i }).click();
    await expect(
      page.getByRole('cell', { name: 'compute_sales', exact: true }),
    ).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(/rules? pass/).first()).toBeVisible();
    await page.screenshot({
      path: 'e2e-test-results/screenshots/sam-runs-succeeded.png',
      fullPage: true,
    });

    // The Pipelines tab shows the run as each pipeline's last run.
    await openEntityTab(page, 'Pipelines');
    const sales = page.getByRole('row', { name: /^ComputeSales/ });
    await expect(sales).toContainText('Succeeded');
    await expect(sales.getByRole('link', { name: 'TotalSales' })).toBeVisible();
    await page.screenshot({
      path: 'e2e-test-results/screenshots/sam-pipelines.png',
      fullPage: true,
    });
  });

  test('fiona reads the runs but is offered no "Run now"', async ({ page }) => {
    await signInAs(page, 'fiona');
    await openHelloWorldRuns(page);
    await expect(page.getByRole('button', { name: 'Run now' })).toHaveCount(0);
    await page.screenshot({
      path: 'e2e-test-results/screenshots/fiona-runs.png',
      fullPage: true,
    });
  });
});
