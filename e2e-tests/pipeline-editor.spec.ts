import { APIRequestContext, expect, Page, test } from '@playwright/test';
import git from 'isomorphic-git';
import fs from 'node:fs';
import path from 'node:path';
import { BACKEND, tokenOf } from './backend';
import { openEntityTab, sidebar, signInAs } from './signIn';

/** The demo project's own repository, which ./scripts/start seeds. */
const REPO = path.resolve(__dirname, '../.data/repos/hello-world');
const FILE = 'pipelines/ComputeSales.pipeline.yaml';
const CONDITION = "order_status = 'completed'";
const STRICTER = `${CONDITION} AND quantity > 1`;
/** The condition a Filter gem from the palette starts with. */
const NEW_CONDITION = 'condition: 1 = 1';
const EDITOR_URL = '/data-mesh/pipelines/hello-world/ComputeSales';
const PIPELINE_API = `${BACKEND}/api/data-mesh/projects/hello-world/pipelines/ComputeSales`;
const SAMS_BRANCH = 'meshwork/sam/ComputeSales';

async function fileAt(branch: string, filepath: string) {
  const oid = await git.resolveRef({ fs, dir: REPO, ref: branch });
  const { blob } = await git.readBlob({ fs, dir: REPO, oid, filepath });
  return Buffer.from(blob).toString('utf8');
}

/**
 * Starts sam's work afresh, with no branch and no draft, so that a retried
 * walk finds what it expects.
 */
async function startAfresh(request: APIRequestContext) {
  await git
    .deleteRef({ fs, dir: REPO, ref: `refs/heads/${SAMS_BRANCH}` })
    .catch(() => undefined);
  const res = await request.delete(`${PIPELINE_API}/draft`, {
    headers: { authorization: `Bearer ${await tokenOf(request, 'sam')}` },
  });
  expect(res.status()).toBe(200);
}

async function openComputeSales(page: Page) {
  await sidebar(page).getByRole('link', { name: 'Data Mesh' }).click();
  await page.getByRole('link', { name: 'Hello World' }).first().click();
  await openEntityTab(page, 'Pipelines');
  await page.getByRole('link', { name: 'ComputeSales', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${EDITOR_URL}$`));
  await expect(
    page.getByRole('textbox', { name: 'Pipeline file' }),
  ).toBeVisible();
}

/**
 * Puts the cursor at the end of the file's line that holds `text`, found
 * with the editor's own search (CodeMirror draws only the lines in view).
 */
async function endOfLineWith(page: Page, text: string) {
  // The search reads `\n` in its query as a line break; the cursor goes to
  // the start of the match, then to the end of its first line.
  await page.getByRole('textbox', { name: 'Pipeline file' }).click();
  await page.keyboard.press('Control+f');
  const find = page.getByRole('textbox', { name: 'Find' });
  await find.fill(text);
  // The panel reads its query on key up.
  await find.press('End');
  await find.press('Enter');
  await find.press('Escape');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('End');
}

test.describe('the pipeline editor', () => {
  test('sam puts a Filter between two gems of ComputeSales, previews it, commits it to a branch and reverts it', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const branch = SAMS_BRANCH;
    await startAfresh(page.request);
    await signInAs(page, 'sam');
    await openComputeSales(page);
    await expect(page.getByText(`commits go to ${branch}`)).toBeVisible();

    // A Filter between two gems: select the edge, insert from the palette.
    await page
      .getByRole('group', { name: 'Edge from completed_lines to daily' })
      .dispatchEvent('click');
    await page.getByRole('button', { name: 'Insert gem' }).click();
    await page.getByRole('menuitem', { name: 'Filter', exact: true }).click();
    await expect(
      page.getByRole('button', { name: 'Filter Filter', exact: true }),
    ).toBeVisible();
    // The new gem's form opens beside the preview.
    await expect(
      page.getByRole('form', { name: 'Gem filter_1' }),
    ).toBeVisible();
    await expect(page.getByText(/Draft saved/)).toBeVisible();

    // A broken expression is marked at its column, on the canvas too.
    await endOfLineWith(page, NEW_CONDITION);
    await page.keyboard.type(' AND = 1');
    const problems = page.getByRole('list', { name: 'Problems' });
    await expect(problems).toContainText(/\d+:\d+ error: /);
    await expect(
      page.getByRole('button', { name: /^Filter Filter: / }),
    ).toBeVisible();
    await page.screenshot({
      path: 'e2e-test-results/screenshots/editor-invalid-expression.png',
      fullPage: true,
    });

    // Fixed, and previewed with the edit applied.
    for (let i = 0; i < ' AND = 1'.length; i++) {
      await page.keyboard.press('Backspace');
    }
    await page.keyboard.type(' AND quantity > 1');
    await expect(page.getByText('No problems found.')).toBeVisible();
    await page
      .getByRole('button', { name: 'Filter Filter', exact: true })
      .click();
    await expect(page.getByText('Data after filter_1')).toBeVisible({
      timeout: 60_000,
    });
    await expect(page.getByText(/\d+\+? rows · \d+ columns/)).toBeVisible();
    await page.screenshot({
      path: 'e2e-test-results/screenshots/editor-preview.png',
      fullPage: true,
    });

    // The form shows the condition as typed; the generated SQL has the new CTE.
    const form = page.getByRole('form', { name: 'Gem filter_1' });
    await expect(form.getByRole('textbox', { name: 'condition' })).toHaveText(
      '1 = 1 AND quantity > 1',
    );
    await page.getByRole('button', { name: /^Generated code/ }).click();
    await expect(
      page.getByText(
        /^\d+ lines added, \d+ removed against the last commit\.$/,
      ),
    ).toBeVisible({ timeout: 30_000 });
    await expect(
      page.getByLabel(
        'Generated generated/sql/ComputeSales.sql, draft against last commit',
      ),
    ).toContainText('filter_1 AS (');
    await page.screenshot({
      path: 'e2e-test-results/screenshots/editor-gem-form-and-code.png',
      fullPage: true,
    });

    // Committed to sam's branch with the regenerated code.
    await page
      .getByRole('textbox', { name: 'Commit message' })
      .fill('Only multi-unit lines');
    await page.getByRole('button', { name: `Commit to ${branch}` }).click();
    await expect(
      page.getByText(new RegExp(`Committed \\w{8} to ${branch}`)),
    ).toBeVisible();
    const committed = await fileAt(branch, FILE);
    expect(committed).toContain('- id: filter_1');
    expect(committed).toContain(`${NEW_CONDITION} AND quantity > 1`);
    expect(await fileAt(branch, 'generated/sql/ComputeSales.sql')).toContain(
      'quantity > 1',
    );
    expect(await fileAt(branch, 'generated/python/ComputeSales.py')).toContain(
      'quantity > 1',
    );
    expect(await fileAt(branch, 'generated/manifest.json')).toContain(
      'ComputeSales',
    );
    expect(await fileAt(branch, 'databricks.yml')).toContain('bundle');
    // The portal's own checkout stays on the default branch, untouched.
    expect(await git.currentBranch({ fs, dir: REPO })).toBe('main');
    expect(fs.readFileSync(path.join(REPO, FILE), 'utf8')).not.toContain(
      'filter_1',
    );

    // The history shows the commit; reverting it restores the files.
    const history = page.getByRole('row', { name: /Only multi-unit lines/ });
    await expect(history).toBeVisible();
    await history.getByRole('button', { name: /^Revert/ }).click();
    await expect(
      page.getByRole('row', { name: /Revert "Only multi-unit lines"/ }),
    ).toBeVisible();
    expect(await fileAt(branch, FILE)).not.toContain('filter_1');
    expect(
      await fileAt(branch, 'generated/sql/ComputeSales.sql'),
    ).not.toContain('quantity > 1');
  });

  test('two sessions save the same pipeline: the second merges, and the commit keeps both edits', async ({
    browser,
    page,
  }) => {
    test.setTimeout(180_000);
    const branch = SAMS_BRANCH;
    await startAfresh(page.request);
    const open = async () => {
      const page = await (await browser.newContext()).newPage();
      await signInAs(page, 'sam');
      await page.goto(EDITOR_URL);
      await expect(
        page.getByRole('textbox', { name: 'Pipeline file' }),
      ).toBeVisible();
      return page;
    };
    const first = await open();
    const second = await open();

    await endOfLineWith(first, 'label: Orders\\n');
    await first.keyboard.type(' and more');
    await first
      .getByRole('textbox', { name: 'Commit message' })
      .fill('Rename the orders source');
    await first.getByRole('button', { name: `Commit to ${branch}` }).click();
    await expect(first.getByText(/Committed \w{8} to/)).toBeVisible();

    await endOfLineWith(second, CONDITION);
    await second.keyboard.type(' AND quantity > 1');
    await second
      .getByRole('textbox', { name: 'Commit message' })
      .fill('Only multi-unit lines');
    const commit = second.getByRole('button', { name: `Commit to ${branch}` });
    await commit.click();
    const merge = second.getByRole('region', { name: 'Merge' });
    await expect(merge).toContainText('merge cleanly');
    await second.screenshot({
      path: 'e2e-test-results/screenshots/editor-merge.png',
      fullPage: true,
    });
    await merge.getByRole('button', { name: 'Use the merge' }).click();
    await commit.click();
    await expect(second.getByText(/Committed \w{8} to/)).toBeVisible();

    const merged = await fileAt(branch, FILE);
    expect(merged).toContain('label: Orders and more');
    expect(merged).toContain(STRICTER);
    await startAfresh(page.request);
  });

  test('fiona reads the pipeline but may not save it', async ({ page }) => {
    await signInAs(page, 'fiona');
    await page.goto(EDITOR_URL);
    await expect(page.getByText('Read only')).toBeVisible();
    await expect(
      page.getByRole('button', {
        name: 'Filter Completed orders',
        exact: true,
      }),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: /^Commit to/ })).toHaveCount(
      0,
    );
    await page.screenshot({
      path: 'e2e-test-results/screenshots/editor-read-only-fiona.png',
      fullPage: true,
    });

    const headers = {
      authorization: `Bearer ${await tokenOf(page.request, 'fiona')}`,
    };
    const source = await page.request.get(`${PIPELINE_API}/source`, {
      headers,
    });
    expect(source.status()).toBe(200);
    const { commit, text } = await source.json();
    const save = await page.request.post(`${PIPELINE_API}/commits`, {
      headers,
      data: {
        text: text.replace(CONDITION, STRICTER),
        baseCommit: commit,
        message: 'Not mine to change',
      },
    });
    expect(save.status()).toBe(403);
    await expect(
      git.resolveRef({
        fs,
        dir: REPO,
        ref: 'refs/heads/meshwork/fiona/ComputeSales',
      }),
    ).rejects.toThrow();
  });
});
