import { expect, test } from '@playwright/test';
import { sidebar, signInAs } from './signIn';

/** Budgets are of the current month, in UTC as usage is booked. */
const MONTH = new Date().toISOString().slice(0, 7);

test.describe('the health of your data on the Data Mesh page', () => {
  test('sam sees the health of sales-analytics data with its budgets', async ({
    page,
  }) => {
    await signInAs(page, 'sam');
    await sidebar(page).getByRole('link', { name: 'Data Mesh' }).click();
    await expect(
      page.getByText('Health of your data', { exact: true }),
    ).toBeVisible();
    await expect(
      page.getByText('Projects you look after: hello-world'),
    ).toBeVisible();
    for (const budget of ['sales-analytics', 'hello-world']) {
      await expect(
        page.getByRole('progressbar', {
          name: `${budget} budget for ${MONTH}`,
        }),
      ).toBeVisible();
    }
    // The projects table below still has exactly one Hello World link.
    await expect(page.getByRole('link', { name: 'Hello World' })).toBeVisible();
    await page.screenshot({
      path: 'e2e-test-results/screenshots/data-mesh-health-sam.png',
      fullPage: true,
    });
  });

  test('priya of the platform team sees every project', async ({ page }) => {
    await signInAs(page, 'priya');
    await sidebar(page).getByRole('link', { name: 'Data Mesh' }).click();
    await expect(
      page.getByText(/Projects you look after: .*hello-world/),
    ).toBeVisible();
    await expect(
      page.getByRole('progressbar', {
        name: `finance-insights budget for ${MONTH}`,
      }),
    ).toBeVisible();
    await page.screenshot({
      path: 'e2e-test-results/screenshots/data-mesh-health-priya.png',
      fullPage: true,
    });
  });

  test('fiona, whose team owns no project, sees its budget', async ({
    page,
  }) => {
    await signInAs(page, 'fiona');
    await sidebar(page).getByRole('link', { name: 'Data Mesh' }).click();
    await expect(
      page.getByText(/Your teams look after no data project yet/),
    ).toBeVisible();
    // Her team's own budget still shows.
    await expect(
      page.getByRole('progressbar', {
        name: `finance-insights budget for ${MONTH}`,
      }),
    ).toBeVisible();
    await page.screenshot({
      path: 'e2e-test-results/screenshots/data-mesh-health-fiona.png',
      fullPage: true,
    });
  });
});
