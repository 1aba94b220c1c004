import { Browser, expect, Page, test } from '@playwright/test';
import { openEntityTab, sidebar, signInAs } from './signIn';

const SCREENSHOTS = 'e2e-test-results/screenshots';
const TOTAL_SALES = '/catalog/default/dataproduct/total-sales';

/** Keeps a full-page picture of what the user sees now. */
async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

/** A signed-in user in a browser context of their own, as two people are. */
async function userPage(browser: Browser, userName: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, userName);
  return page;
}

/** Revokes or denies what finance-insights has, so that the walk starts clean. */
async function resetFinanceAccess(sam: Page) {
  await sam.goto(`${TOTAL_SALES}/consumers`);
  await expect(
    sam.getByRole('heading', { name: /Consumers|No consumers yet/ }).first(),
  ).toBeVisible();
  for (const verb of ['Revoke', 'Deny'] as const) {
    const button = sam.getByRole('button', {
      name: `${verb} finance-insights`,
    });
    for (let left = await button.count(); left > 0; left--) {
      await button.first().click();
      const dialog = sam.getByRole('dialog', { name: `${verb} access` });
      await dialog
        .getByRole('textbox', { name: /Reason/ })
        .fill('Reset for the end-to-end walk');
      await dialog.getByRole('button', { name: verb }).click();
      await expect(dialog).toBeHidden();
      await expect(button).toHaveCount(left - 1);
    }
  }
}

// The self-serve loop with two people: fiona asks for TotalSales, sam (its
// owning team) is notified and approves it on the entity page, fiona reads
// rows, then sam revokes the access and the rows are gone.
test.describe('publish and subscribe', () => {
  test.describe.configure({ timeout: 300_000 });

  test('fiona subscribes to TotalSales, sam approves and later revokes', async ({
    browser,
  }) => {
    const sam = await userPage(browser, 'sam');
    await resetFinanceAccess(sam);

    // fiona asks for access with a purpose (TotalSales holds no PII, so the
    // purpose is hers to give; the dialog takes it either way).
    const fiona = await userPage(browser, 'fiona');
    await fiona.goto(TOTAL_SALES);
    await fiona.getByRole('button', { name: 'Request access' }).click();
    const dialog = fiona.getByRole('dialog', {
      name: 'Request access to TotalSales',
    });
    await dialog
      .getByRole('textbox', { name: /Purpose/ })
      .fill('Revenue forecasts for the finance plan');
    await screenshot(fiona, 'subscriptions-1-fiona-request-dialog');
    await dialog.getByRole('button', { name: 'Send request' }).click();
    const pending = fiona.getByRole('region', { name: 'Your pending request' });
    await expect(pending).toContainText('Request pending');
    await expect(
      pending.getByRole('button', { name: 'Withdraw' }),
    ).toBeVisible();
    await screenshot(fiona, 'subscriptions-2-fiona-pending');

    // sam is notified; the notification leads to the Consumers tab, where
    // the request waits for a decision.
    await expect(async () => {
      await sam.goto('/notifications');
      await expect(
        sam.getByText('finance-insights requests access to TotalSales').first(),
      ).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 60_000 });
    await screenshot(sam, 'subscriptions-3-sam-notification');
    await sam
      .getByRole('link', {
        name: /finance-insights requests access to TotalSales/,
      })
      .first()
      .click();
    await expect(sam).toHaveURL(/\/total-sales\/consumers/);
    const approve = sam.getByRole('button', {
      name: 'Approve finance-insights',
    });
    const request = sam.getByRole('row').filter({ has: approve });
    await expect(request).toContainText('Pending');
    await expect(request).toContainText(
      'Revenue forecasts for the finance plan',
    );
    await screenshot(sam, 'subscriptions-4-sam-request');
    await approve.click();
    await expect(
      sam.getByRole('button', { name: 'Revoke finance-insights' }),
    ).toBeVisible();
    await screenshot(sam, 'subscriptions-5-sam-approved');

    // fiona: "My access" lists the approved subscription, granted.
    await fiona.goto('/');
    await sidebar(fiona).getByRole('link', { name: 'My access' }).click();
    // Earlier walks may have left denied or revoked requests in the list.
    const access = fiona
      .getByRole('row')
      .filter({ hasText: 'TotalSales' })
      .filter({ hasText: 'Approved' });
    await expect(access).toContainText('Granted');
    await screenshot(fiona, 'subscriptions-6-fiona-my-access');

    // The Consumers tab lists finance-insights.
    await fiona.goto(TOTAL_SALES);
    await openEntityTab(fiona, 'Consumers');
    await expect(
      fiona.getByRole('row').filter({ hasText: 'Finance Insights' }),
    ).toBeVisible();
    await screenshot(fiona, 'subscriptions-7-fiona-consumers');

    // The Sample tab shows her rows.
    await openEntityTab(fiona, 'Sample');
    await expect(fiona.getByText(/^Sample of \d+ rows$/)).toBeVisible();
    await expect(fiona.getByRole('row')).not.toHaveCount(0);
    await screenshot(fiona, 'subscriptions-8-fiona-sample');

    // sam sees her read among the Overview's recent reads.
    await sam.goto(TOTAL_SALES);
    const recentReads = sam.getByRole('group', { name: 'Recent reads' });
    await expect(
      recentReads.getByRole('list', { name: 'Recent readers' }),
    ).toContainText(/fiona.*sampled it/i);
    await screenshot(sam, 'subscriptions-8b-sam-recent-reads');

    // sam revokes it with a reason.
    await sam.goto(`${TOTAL_SALES}/consumers`);
    const revokeButton = sam.getByRole('button', {
      name: 'Revoke finance-insights',
    });
    await expect(revokeButton).toBeVisible();
    // A walk retried on the same portal finds the last one's revoked row.
    const revokedRows = sam
      .getByRole('row')
      .filter({ hasText: 'Finance Insights' })
      .filter({ hasText: 'Revoked' });
    const revokedBefore = await revokedRows.count();
    await revokeButton.click();
    const revoke = sam.getByRole('dialog', { name: 'Revoke access' });
    await revoke
      .getByRole('textbox', { name: /Reason/ })
      .fill('The finance plan is done');
    await screenshot(sam, 'subscriptions-9-sam-revoke');
    await revoke.getByRole('button', { name: 'Revoke' }).click();
    await expect(revokedRows).toHaveCount(revokedBefore + 1);

    // fiona's Sample tab shows no rows, and how to ask again.
    await fiona.goto(`${TOTAL_SALES}/sample`);
    await expect(
      fiona.getByText("You cannot see this product's rows"),
    ).toBeVisible();
    await expect(fiona.getByText(/^Sample of \d+ rows$/)).toBeHidden();
    await expect(
      fiona.getByRole('button', { name: 'Request access' }),
    ).toBeVisible();
    await screenshot(fiona, 'subscriptions-10-fiona-sample-revoked');

    await sam.context().close();
    await fiona.context().close();
  });
});
