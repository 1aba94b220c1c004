import { expect, Page, test } from '@playwright/test';
import git from 'isomorphic-git';
import fs from 'node:fs';
import path from 'node:path';
import { openEntityTab, sidebar, signInAs } from './signIn';

/** The demo project's own repository, which ./scripts/start seeds. */
const REPO = path.resolve(__dirname, '../.data/repos/hello-world');
const SAMS_BRANCH = 'meshwork/sam/DailySummary.job';
const JOB_FILE = 'jobs/DailySummary.job.yaml';
/** Two weekday schedules; the walk sets whichever the branch does not have. */
const SCHEDULES = ['0 30 5 ? * MON-FRI', '0 45 5 ? * MON-FRI'];

async function fileAt(ref: string, filepath: string) {
  const oid = await git.resolveRef({ fs, dir: REPO, ref });
  const { blob } = await git.readBlob({ fs, dir: REPO, oid, filepath });
  return Buffer.from(blob).toString('utf8');
}

/** Opens Hello World's Jobs tab from the Data Mesh page, inside the app. */
async function openHelloWorldJobs(page: Page) {
  await sidebar(page).getByRole('link', { name: 'Data Mesh' }).click();
  await page.getByRole('link', { name: 'Hello World' }).first().click();
  await expect(page).toHaveURL(/\/catalog\/default\/component\/hello-world/);
  await openEntityTab(page, 'Jobs');
  await expect(
    page.getByText('Tasks, in the order they run').first(),
  ).toBeVisible({ timeout: 30_000 });
}

test.describe('the data project Jobs tab', () => {
  test('sam reschedules DailySummary: the job file and its bundle are committed to his branch', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await signInAs(page, 'sam');
    await openHelloWorldJobs(page);
    await expect(
      page.getByRole('button', { name: /Run DailySummary now/ }),
    ).toBeVisible();
    await page.screenshot({
      path: 'e2e-test-results/screenshots/jobs-sam.png',
      fullPage: true,
    });

    await page.getByRole('button', { name: 'Edit DailySummary' }).click();
    const form = page.getByRole('form', { name: 'Edit DailySummary' });
    const cron = form.getByRole('textbox', { name: /Cron \(Quartz\)/ });
    await expect(cron).toBeVisible({ timeout: 30_000 });
    const next =
      (await cron.inputValue()) === SCHEDULES[0] ? SCHEDULES[1] : SCHEDULES[0];
    await cron.fill(next);
    await expect(form.getByText(/every MON-FRI at 05:(30|45)/)).toBeVisible();
    await form
      .getByRole('textbox', { name: /Commit message/ })
      .fill('Weekdays before the sales stand-up');
    await page.screenshot({
      path: 'e2e-test-results/screenshots/jobs-editor-sam.png',
      fullPage: true,
    });
    await form
      .getByRole('button', { name: `Commit to ${SAMS_BRANCH}` })
      .click();
    await expect(page.getByText(/^Committed [0-9a-f]{8} to/)).toContainText(
      SAMS_BRANCH,
      { timeout: 30_000 },
    );

    // What the runner reads (the default branch) is unchanged; the
    // branch has the new schedule in the job file and the bundle.
    const committed = await fileAt(SAMS_BRANCH, JOB_FILE);
    expect(committed).toContain(`cron: ${next}`);
    expect(await fileAt('main', JOB_FILE)).not.toContain(`cron: ${next}`);
    const bundle = await fileAt(SAMS_BRANCH, 'resources/daily_summary.job.yml');
    expect(bundle).toContain(next);
    const [head] = await git.log({ fs, dir: REPO, ref: SAMS_BRANCH, depth: 1 });
    expect(head.commit.message.trim()).toBe(
      'Weekdays before the sales stand-up',
    );
    expect(head.commit.author.name).toBe('Sam Sales');
  });

  test('fiona reads the jobs but is offered no edit and no "Run now"', async ({
    page,
  }) => {
    await signInAs(page, 'fiona');
    await openHelloWorldJobs(page);
    await expect(page.getByRole('button', { name: /^Edit / })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Run .* now/ })).toHaveCount(
      0,
    );
    await page.screenshot({
      path: 'e2e-test-results/screenshots/jobs-fiona.png',
      fullPage: true,
    });
  });
});
