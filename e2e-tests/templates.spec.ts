import { expect, Page, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { openEntityTab, signInAs } from './signIn';

/**
 * Where `data-mesh:publish:local` creates repositories: the portal's
 * dataMesh.localRepositories.root, `.data/repos` of the checkout.
 */
const REPOS = path.resolve(__dirname, '../.data/repos');
/** A fresh name per run: a repository that exists is refused. */
const PROJECT = `e2e-${Date.now().toString(36)}`;
const SHOTS = 'e2e-test-results/screenshots';

async function chooseTemplate(page: Page, title: string) {
  await page.goto('/create');
  const card = page
    .locator('article, div.MuiCard-root')
    .filter({ has: page.getByText(title, { exact: true }) })
    .last();
  await card.getByRole('button', { name: 'Choose' }).click();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
}

/** Picks an entry of a catalog entity picker (an autocomplete). */
async function pick(page: Page, field: string, typed: string, option: string) {
  const input = page.getByRole('textbox', { name: field });
  await input.click();
  await input.fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

/** Submits the last form step and waits until every step of the task ran. */
async function createAndWait(page: Page) {
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(/\/create\/tasks\//);
  const done = page.getByRole('link', { name: /^Open the / }).first();
  const failed = page.getByText(/^Error: /).first();
  await expect(done.or(failed)).toBeVisible({ timeout: 90_000 });
  if (await failed.isVisible()) {
    throw new Error(`the template failed: ${await failed.innerText()}`);
  }
}

test.describe('the platform templates', () => {
  test.afterAll(() => {
    fs.rmSync(path.join(REPOS, PROJECT), { recursive: true, force: true });
  });

  test('sam creates a data project from the template, runs its job, then adds a data product', async ({
    page,
  }) => {
    test.setTimeout(420_000);
    page.setDefaultTimeout(30_000);
    await signInAs(page, 'sam');

    // New data project: the form, then the task.
    await chooseTemplate(page, 'New data project');
    await page.getByRole('textbox', { name: 'Name' }).fill(PROJECT);
    await page.getByRole('textbox', { name: 'Title' }).fill('E2E Contacts');
    await page
      .getByRole('textbox', { name: 'Description' })
      .fill('Customer contacts, created by the end-to-end walk');
    await pick(page, 'Owning team', 'sales', 'Sales Analytics');
    await pick(page, 'Domain', 'sales', 'Sales');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText('Standards version')).toBeVisible();
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText('Where the repository lives')).toBeVisible();
    await page.getByRole('button', { name: 'Review' }).click();
    await page.screenshot({
      path: `${SHOTS}/template-project-review.png`,
      fullPage: true,
    });
    await createAndWait(page);
    await page.screenshot({
      path: `${SHOTS}/template-project-done.png`,
      fullPage: true,
    });
    expect(
      fs.existsSync(
        path.join(REPOS, PROJECT, 'tests/customer_contacts.test.yaml'),
      ),
    ).toBe(true);

    // In the catalog, with its data products.
    await page
      .getByRole('link', { name: 'Open the project in the catalog' })
      .click();
    await expect(page).toHaveURL(
      new RegExp(`/catalog/default/component/${PROJECT}`),
    );
    // The catalog reads the new repository's catalog-info.yaml within seconds
    // (publish:local refreshes its location); a slow machine takes longer.
    await expect(async () => {
      await page.reload();
      await expect(
        page.getByRole('heading', { name: 'E2E Contacts' }).first(),
      ).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 180_000 });
    await expect(async () => {
      await openEntityTab(page, 'Pipelines');
      await expect(
        page
          .getByRole('link', { name: `${PROJECT.replace(/-/g, '_')}_contacts` })
          .first(),
      ).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 120_000 });
    await expect(page.getByText('Pipeline tests')).toBeVisible();
    await page.getByRole('button', { name: 'Run tests' }).click();
    await expect(page.getByRole('status')).toContainText(
      /Tests ran: \d+ passed, 0 failed/,
      {
        timeout: 60_000,
      },
    );
    await page.screenshot({
      path: `${SHOTS}/template-project-pipelines.png`,
      fullPage: true,
    });

    // It opens in the editor, without problems.
    await page.getByRole('link', { name: 'customer_contacts' }).click();
    await expect(page).toHaveURL(
      new RegExp(`/data-mesh/pipelines/${PROJECT}/customer_contacts`),
    );
    await expect(page.getByText('No problems').first()).toBeVisible({
      timeout: 60_000,
    });
    await page.screenshot({
      path: `${SHOTS}/template-project-editor.png`,
      fullPage: true,
    });

    // Its job runs locally to success.
    await page.goto(`/catalog/default/component/${PROJECT}`);
    await openEntityTab(page, 'Jobs');
    await page
      .getByRole('button', { name: 'Run daily_customer_contacts now' })
      .click();
    await openEntityTab(page, 'Runs');
    await expect(async () => {
      await page.reload();
      await expect(page.getByText('Succeeded').first()).toBeVisible({
        timeout: 5_000,
      });
    }).toPass({ timeout: 120_000 });
    await page.screenshot({
      path: `${SHOTS}/template-project-run.png`,
      fullPage: true,
    });

    // New data product, published at once to the project's default branch.
    await chooseTemplate(page, 'New data product');
    await pick(page, 'Data project', 'E2E Contacts', 'E2E Contacts');
    await page
      .getByRole('textbox', { name: 'Dataset name' })
      .fill('contact_regions');
    await page
      .getByRole('textbox', { name: 'Description' })
      .fill('Contacts per country');
    await page
      .getByRole('textbox', { name: 'Column' })
      .first()
      .fill('country_code');
    await page
      .getByRole('textbox', { name: 'What it means' })
      .first()
      .fill('ISO country');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('radio', { name: /Publish now/ }).check();
    await page.getByRole('button', { name: 'Review' }).click();
    await createAndWait(page);
    await page.screenshot({
      path: `${SHOTS}/template-product-done.png`,
      fullPage: true,
    });
    expect(
      fs.existsSync(
        path.join(REPOS, PROJECT, 'datasets/contact_regions.dataset.yaml'),
      ),
    ).toBe(true);
    await page
      .getByRole('link', { name: 'Open the data product in the catalog' })
      .click();
    await expect(async () => {
      await page.reload();
      await expect(page.getByText('Contacts per country').first()).toBeVisible({
        timeout: 5_000,
      });
    }).toPass({ timeout: 120_000 });
    await page.screenshot({
      path: `${SHOTS}/template-product-entity.png`,
      fullPage: true,
    });
  });

  test("fiona may not add a data product to the sales team's project: the task says why and commits nothing", async ({
    page,
  }) => {
    test.setTimeout(180_000);
    page.setDefaultTimeout(30_000);
    await signInAs(page, 'fiona');
    await chooseTemplate(page, 'New data product');
    await pick(page, 'Data project', 'Hello', 'Hello World');
    await page
      .getByRole('textbox', { name: 'Dataset name' })
      .fill('finance_view');
    await page
      .getByRole('textbox', { name: 'Column' })
      .first()
      .fill('customer_id');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('radio', { name: /Publish now/ }).check();
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();
    await expect(
      page
        .getByText(/you may not change the data project 'hello-world'/)
        .first(),
    ).toBeVisible({ timeout: 90_000 });
    await page.screenshot({
      path: `${SHOTS}/template-product-refused.png`,
      fullPage: true,
    });
    expect(
      fs.existsSync(
        path.join(REPOS, 'hello-world/datasets/finance_view.dataset.yaml'),
      ),
    ).toBe(false);
  });
});
