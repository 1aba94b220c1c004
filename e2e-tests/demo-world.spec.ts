import { expect, test } from '@playwright/test';
import { demoUsers, sidebar, signInAs } from './signIn';

// Navigation stays inside the single-page app after sign-in: a full reload
// of the development bundle costs seconds on a 2-core machine.
test.describe('the demo world', () => {
  for (const user of demoUsers) {
    test(`${user.name} signs in and finds the Hello World project and the teams`, async ({
      page,
    }) => {
      await signInAs(page, user.name);

      // Signed in as that user's catalog entity.
      await sidebar(page).getByRole('link', { name: 'Settings' }).click();
      await expect(
        page.getByText(user.displayName, { exact: true }).first(),
      ).toBeVisible();

      // The catalog lists the data project.
      await sidebar(page)
        .getByRole('link', { name: 'Catalog', exact: true })
        .click();
      await expect(
        page.getByRole('link', { name: 'Hello World' }),
      ).toBeVisible();

      // The Data Mesh page shows the project, its owner and the warehouse.
      await sidebar(page).getByRole('link', { name: 'Data Mesh' }).click();
      await expect(page).toHaveURL(/\/data-mesh$/);
      await expect(
        page.getByRole('heading', { name: 'Data projects' }),
      ).toBeVisible();
      await expect(
        page.getByRole('link', { name: 'Hello World' }),
      ).toBeVisible();
      const engines = page.getByRole('table', { name: 'Warehouse engines' });
      await expect(
        engines.getByRole('row', { name: /^duckdb duckdb/ }),
      ).toContainText(/ready, \d+ tables/);

      // Hello World's published datasets are data products everyone sees.
      await expect(
        page.getByRole('link', { name: 'TotalSales' }).first(),
      ).toBeVisible({ timeout: 30_000 });

      // The owning team's page lists its members; its parent lists every team.
      await page
        .getByRole('row', { name: /Hello World/ })
        .first()
        .getByRole('link', { name: 'Sales Analytics' })
        .click();
      await expect(page.getByText('Sam Sales').first()).toBeVisible();
      await expect(page.getByText('Sofia Seller').first()).toBeVisible();
      await page.getByRole('link', { name: 'ACME Corp' }).first().click();
      for (const team of [
        'Platform Team',
        'Sales Analytics',
        'Finance Insights',
      ]) {
        await expect(
          page.getByRole('link', { name: team }).first(),
        ).toBeVisible();
      }
    });
  }

  test('signing out returns to the demo user picker', async ({ page }) => {
    await signInAs(page, 'fiona');
    await sidebar(page).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'more' }).click();
    await page.getByRole('menuitem', { name: /sign out/i }).click();
    await expect(
      page.getByRole('button', { name: 'Sign in as sam' }),
    ).toBeVisible();
  });
});
