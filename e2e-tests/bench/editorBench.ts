/*
 * `yarn bench:editor`: how fast the pipeline editor is in real Chromium
 * with a large pipeline (issue 13).
 *
 *  1. Open to interactive: a client-side navigation inside the warmed-up
 *     app to the editor of a 200-gem pipeline, until every gem and edge is
 *     on the canvas, the view is fitted, the file is in CodeMirror and the
 *     main thread is free again (goal: under 300 ms).
 *  2. Edit to updated validation: a key press in the file that breaks an
 *     expression, until the problems list shows the error; the key press
 *     that mends it, until the list is empty again (goal: under 100 ms).
 *     And a canvas edit: a gem deleted with the toolbar, then undone, until
 *     the canvas shows it.
 *
 * It runs against the portal (`./scripts/start`, or the e2e tests' portal),
 * which it does not start: it exits 1 when the portal does not answer. As
 * sam, it commits the generated pipeline to sam's editor branch of Hello
 * World (`meshwork/sam/EditorBench200`), a pipeline the main branch and the
 * e2e tests do not have, and deletes the branch and sam's draft of it
 * afterwards. Timings are taken inside the page (performance.now(), see
 * pageProbes.ts). A benchmark, not a test: it prints what it measures, also
 * to .data/bench/editor.json, and exits 0 unless it could not measure.
 *
 *   yarn bench:editor [--gems 200] [--opens 7] [--edits 15] [--canvas-edits 7] [--profile]
 *
 * --profile records a CPU profile of one open and one edit
 * (.data/bench/editor-*.cpuprofile, for Chromium's DevTools) and prints the
 * repository's functions that took the most time in them.
 */

import { Browser, chromium, Page, request } from '@playwright/test';
import git from 'isomorphic-git';
import fs from 'node:fs';
import os from 'node:os';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import playwrightConfig from '../../playwright.config';
import { BACKEND, tokenOf } from '../backend';
import { signInAs } from '../signIn';
import { largePipeline } from './largePipeline';
import {
  installPageProbes,
  PageCondition,
  PageMeasurement,
} from './pageProbes';

// Run from the repository root (`yarn bench:editor`).
const ROOT = process.cwd();
/** The demo project's repository, which the portal reads and commits to. */
const REPO = path.join(ROOT, '.data/repos/hello-world');
const OUT = path.join(ROOT, '.data/bench');
const APP = playwrightConfig.use?.baseURL ?? 'http://localhost:3000';
const USER = 'sam';
const OPEN_GOAL_MS = 300;
const EDIT_GOAL_MS = 100;
/** How long the main thread stays free before the page counts as interactive. */
const QUIET_MS = 300;
const TIMEOUT_MS = 30_000;

const { values: args } = parseArgs({
  options: {
    gems: { type: 'string', default: '200' },
    opens: { type: 'string', default: '7' },
    edits: { type: 'string', default: '15' },
    'canvas-edits': { type: 'string', default: '7' },
    profile: { type: 'boolean', default: false },
  },
});

// Statistics of a set of measurements.

function sorted(values: readonly number[]) {
  return [...values].sort((a, b) => a - b);
}

function median(values: readonly number[]) {
  const s = sorted(values);
  const middle = Math.floor(s.length / 2);
  return s.length % 2 ? s[middle] : (s[middle - 1] + s[middle]) / 2;
}

/** The value below which `p` (0..1) of the measurements fall (nearest rank). */
function percentile(values: readonly number[], p: number) {
  const s = sorted(values);
  return s[Math.min(s.length, Math.max(1, Math.ceil(p * s.length))) - 1];
}

interface Summary {
  runs: number;
  median: number;
  p90: number;
  min: number;
  max: number;
  goal?: number;
  ofGoal?: number;
}

function summarize(values: readonly number[], goal?: number): Summary {
  const m = median(values);
  return {
    runs: values.length,
    median: m,
    p90: percentile(values, 0.9),
    min: Math.min(...values),
    max: Math.max(...values),
    ...(goal ? { goal, ofGoal: m / goal } : {}),
  };
}

const ms = (value: number) => `${value.toFixed(0)} ms`;

function report(label: string, s: Summary) {
  const goal = s.goal
    ? ` (${s.ofGoal!.toFixed(2)} of the ${s.goal} ms goal${
        s.median <= s.goal ? '' : ': NOT met'
      })`
    : '';
  console.log(
    `  ${label.padEnd(44)} median ${ms(s.median).padStart(7)}, p90 ${ms(
      s.p90,
    ).padStart(7)}, min ${ms(s.min).padStart(7)}, max ${ms(s.max).padStart(
      7,
    )}, n=${s.runs}${goal}`,
  );
}

// The portal and the bench pipeline.

/** Whether `url` answers within `seconds`: `yarn start` restarts the backend on each change of its code. */
async function answers(url: string, seconds: number) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(5000) })).ok) {
        return true;
      }
    } catch {
      // Not up (yet).
    }
    if (Date.now() > deadline) return false;
    await new Promise(resolve => setTimeout(resolve, 2000));
  }
}

/** sam's editor branch of the bench pipeline, and sam's draft of it, removed. */
async function removeBenchWork(api: PipelineApi) {
  await git
    .deleteRef({
      fs,
      dir: REPO,
      ref: `refs/heads/meshwork/${USER}/${api.pipeline}`,
    })
    .catch(() => undefined);
  const res = await fetch(`${api.url}/draft`, {
    method: 'DELETE',
    headers: api.headers,
  });
  if (!res.ok) {
    throw new Error(
      `could not delete the draft: ${res.status} ${await res.text()}`,
    );
  }
}

interface PipelineApi {
  pipeline: string;
  url: string;
  headers: Record<string, string>;
}

async function commitBenchPipeline(api: PipelineApi, text: string) {
  const defaultHead = await git.resolveRef({ fs, dir: REPO, ref: 'HEAD' });
  const res = await fetch(`${api.url}/commits`, {
    method: 'POST',
    headers: { ...api.headers, 'content-type': 'application/json' },
    body: JSON.stringify({
      text,
      baseCommit: defaultHead,
      message: 'A large pipeline for yarn bench:editor',
    }),
  });
  if (res.status !== 201) {
    throw new Error(
      `the portal did not commit the bench pipeline: ${
        res.status
      } ${await res.text()}`,
    );
  }
  return (await res.json()) as { commit: string; branch: string };
}

/** The editor's first request, timed from here: `runs` after one warm-up. */
async function timeSourceRequest(api: PipelineApi, runs: number) {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i <= runs; i++) {
    const start = performance.now();
    const res = await fetch(`${api.url}/source`, { headers: api.headers });
    bytes = (await res.arrayBuffer()).byteLength;
    if (!res.ok) throw new Error(`GET ${api.url}/source: ${res.status}`);
    if (i > 0) times.push(performance.now() - start);
  }
  return { times, bytes };
}

// Measurements in the page.

/** When the editor had its file and the user's draft from the backend. */
const fetchedAt = (r: PageMeasurement) =>
  Math.max(
    0,
    ...r.requests.filter(q => /\/(source|draft)$/.test(q.path)).map(q => q.end),
  );

/** Whether the app runs React's development build, as `yarn start` serves it. */
const reactBuildOf = (page: Page) =>
  page.evaluate(() => {
    for (const element of Array.from(document.querySelectorAll('#root *'))) {
      const fiberKey = Object.keys(element).find(k =>
        k.startsWith('__reactFiber$'),
      );
      if (fiberKey) {
        const fiber = (element as unknown as Record<string, object>)[fiberKey];
        // Only the development build keeps each fiber's owner for its warnings.
        return '_debugOwner' in fiber ? 'development' : 'production';
      }
    }
    return 'unknown';
  });

async function settle(page: Page) {
  await page.evaluate(
    timeout => window.editorBench!.quiet(500, timeout),
    TIMEOUT_MS,
  );
}

async function navigateAway(page: Page) {
  await page.evaluate(() => window.editorBench!.navigate('/data-mesh'));
  await page.locator('.react-flow').waitFor({ state: 'detached' });
  await settle(page);
}

const options = { quietMs: QUIET_MS, timeoutMs: TIMEOUT_MS };

async function openEditor(
  page: Page,
  editorPath: string,
  condition: PageCondition,
): Promise<PageMeasurement> {
  return page.evaluate(
    a => window.editorBench!.open(a.editorPath, a.condition, a.options),
    { editorPath, condition, options },
  );
}

/** Measures from the next input `act` makes until the page shows `condition`. */
async function timeInput(
  page: Page,
  condition: PageCondition,
  act: () => Promise<void>,
): Promise<PageMeasurement> {
  await page.evaluate(a => window.editorBench!.arm(a.condition, a.options), {
    condition,
    options,
  });
  await act();
  return page.evaluate(() => window.editorBench!.pending!);
}

/** Puts the cursor at the end of the file's line `line`, found with the editor's search. */
async function endOfLine(page: Page, line: string) {
  await page.getByRole('textbox', { name: 'Pipeline file' }).click();
  await page.keyboard.press('Control+f');
  const find = page.getByRole('textbox', { name: 'Find' });
  await find.fill(line);
  // The panel reads its query on key up.
  await find.press('End');
  await find.press('Enter');
  await find.press('Escape');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('End');
}

/** What the CPU profiles found, printed after the measurements. */
const profileReport: string[] = [];

/** Records a CPU profile of `work` into .data/bench/editor-<name>.cpuprofile. */
async function profiled<T>(page: Page, name: string, work: () => Promise<T>) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const result = await work();
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.detach();
  const file = path.join(OUT, `editor-${name}.cpuprofile`);
  await writeFile(file, JSON.stringify(profile));
  profileReport.push(
    `\nCPU profile of ${name}: ${path.relative(
      ROOT,
      file,
    )}; the repository's functions by total time:`,
  );
  const top = topOwnFunctions(profile, 15);
  for (const { fn, totalMs } of top) {
    profileReport.push(`  ${ms(totalMs).padStart(7)}  ${fn}`);
  }
  if (top.length === 0) {
    profileReport.push('  (none: a production build has no module paths)');
  }
  return result;
}

type CpuProfile = {
  nodes: Array<{
    id: number;
    callFrame: {
      functionName: string;
      url: string;
      lineNumber: number;
    };
    children?: number[];
  }>;
  samples?: number[];
  timeDeltas?: number[];
};

/**
 * The functions of this repository (plugins/, packages/) that took the most
 * time, their callees included: the profile's own view is dominated by
 * React's internals, which say little about what to change.
 */
function topOwnFunctions(profile: CpuProfile, count: number) {
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parentOf.set(child, node.id);
  }
  const total = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const counted = new Set<string>();
    for (let id: number | undefined = samples[i]; id !== undefined; ) {
      const { callFrame: f } = byId.get(id)!;
      const own = /\/((?:plugins|packages)\/[^/]+\/src\/.*)$/.exec(f.url);
      if (own && !f.url.includes('/node_modules/')) {
        const key = `${f.functionName || '(anonymous)'} ${own[1]}:${
          f.lineNumber + 1
        }`;
        if (!counted.has(key)) {
          counted.add(key);
          total.set(key, (total.get(key) ?? 0) + (deltas[i] ?? 0) / 1000);
        }
      }
      id = parentOf.get(id);
    }
  }
  return [...total]
    .map(([fn, totalMs]) => ({ fn, totalMs }))
    .sort((a, b) => b.totalMs - a.totalMs)
    .slice(0, count);
}

async function main() {
  const count = (name: keyof typeof args, min: number) => {
    const value = Number(args[name]);
    if (!Number.isInteger(value) || value < min) {
      console.error(
        `bench:editor: --${name} takes a whole number of at least ${min}`,
      );
      process.exit(2);
    }
    return value;
  };
  const gemCount = count('gems', 13);
  const opens = count('opens', 1);
  const edits = count('edits', 1);
  const canvasEdits = count('canvas-edits', 1);

  const readiness = `${BACKEND}/.backstage/health/v1/readiness`;
  if (!(await answers(readiness, 0))) {
    // `yarn start` restarts the backend when its code changes.
    console.log(`Waiting up to a minute for the backend at ${BACKEND}…`);
  }
  if (!(await answers(readiness, 60)) || !(await answers(APP, 10))) {
    console.error(
      `bench:editor: the portal does not answer at ${APP} (backend ${BACKEND}).\n` +
        'Start it with ./scripts/start and run the benchmark again ' +
        '(PLAYWRIGHT_URL and PLAYWRIGHT_BACKEND_URL point it elsewhere).',
    );
    process.exit(1);
  }

  const bench = largePipeline(gemCount);
  const editorPath = `/data-mesh/pipelines/hello-world/${bench.name}`;
  const apiContext = await request.newContext();
  const api: PipelineApi = {
    pipeline: bench.name,
    url: `${BACKEND}/api/data-mesh/projects/hello-world/pipelines/${bench.name}`,
    headers: { authorization: `Bearer ${await tokenOf(apiContext, USER)}` },
  };
  await apiContext.dispose();
  await mkdir(OUT, { recursive: true });

  console.log(
    `Pipeline editor in Chromium: ${bench.name}, ${bench.gemCount} gems and ${
      bench.edgeCount
    } edges, ${(bench.text.length / 1024).toFixed(0)} KiB of YAML, at ${APP}`,
  );

  let browser: Browser | undefined;
  const cleanUp = () =>
    removeBenchWork(api).catch(error => {
      console.error(
        `bench:editor: could not remove sam's branch meshwork/${USER}/${bench.name} and draft (${error}); ` +
          'delete them by hand, e.g. git -C .data/repos/hello-world branch -D …',
      );
      process.exitCode = 1;
    });
  // Ctrl+C leaves no branch behind either.
  const interrupted = () => {
    cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  await removeBenchWork(api);
  try {
    const saved = await commitBenchPipeline(api, bench.text);
    console.log(
      `  committed to ${saved.branch} (${saved.commit.slice(
        0,
        8,
      )}); removed again at the end`,
    );

    const source = await timeSourceRequest(api, 5);

    browser = await chromium.launch(playwrightConfig.use?.launchOptions);
    const context = await browser.newContext({
      baseURL: APP,
      viewport: { width: 1600, height: 1000 },
    });
    // The dev server (`yarn start`) reloads the page when the app's code
    // changes: its socket is answered here instead, so that the run keeps
    // the code it started with.
    await context.routeWebSocket(`${APP.replace(/^http/, 'ws')}/ws`, () => {});
    // The dev server's first load is slow on a busy machine.
    context.setDefaultTimeout(TIMEOUT_MS);
    context.setDefaultNavigationTimeout(4 * TIMEOUT_MS);
    const page = await context.newPage();
    await page.addInitScript(installPageProbes);
    await signInAs(page, USER);
    await settle(page);
    const reactBuild = await reactBuildOf(page);
    const [load1] = os.loadavg();
    console.log(
      `  React ${reactBuild} build${
        reactBuild === 'development'
          ? ' (as ./scripts/start serves it; a production build renders faster)'
          : ''
      }; load average ${load1.toFixed(1)} on ${os.cpus().length} CPUs\n`,
    );
    const documentMarker = await page.evaluate(() => performance.timeOrigin);

    const condition: PageCondition = {
      kind: 'editor',
      gems: bench.gemCount,
      edges: bench.edgeCount,
      text: `name: ${bench.name}`,
    };

    // 1. Open to interactive; the first opening loads the editor's code.
    const first = await openEditor(page, editorPath, condition);
    await settle(page);
    // Away from the sidebar, which opens under the mouse.
    await page.mouse.move(1500, 900);
    await page.screenshot({
      path: path.join(OUT, `editor-${bench.gemCount}-gems.png`),
    });
    await navigateAway(page);
    await openEditor(page, editorPath, condition); // warm-up
    await navigateAway(page);
    const openRuns: PageMeasurement[] = [];
    for (let i = 0; i < opens; i++) {
      openRuns.push(await openEditor(page, editorPath, condition));
      await navigateAway(page);
    }
    if (args.profile) {
      await profiled(page, 'open', () =>
        openEditor(page, editorPath, condition),
      );
      await navigateAway(page);
    }
    if (
      (await page.evaluate(() => performance.timeOrigin)) !== documentMarker
    ) {
      throw new Error('the app reloaded: navigations were not client-side');
    }

    // 2. Edit to updated validation.
    await openEditor(page, editorPath, condition);
    await settle(page);
    await endOfLine(page, bench.editableLine);
    const breakRuns: PageMeasurement[] = [];
    const mendRuns: PageMeasurement[] = [];
    const typeKey = (key: string) => () => page.keyboard.press(key);
    for (let i = 0; i < edits + 1; i++) {
      // `=` at the end of a condition leaves a comparison without its right side.
      const broken = await timeInput(page, { kind: 'problems' }, typeKey('='));
      const mended = await timeInput(
        page,
        { kind: 'noProblems' },
        typeKey('Backspace'),
      );
      // The first edit is a warm-up.
      if (i > 0) {
        breakRuns.push(broken);
        mendRuns.push(mended);
      }
    }
    if (args.profile) {
      await profiled(page, 'edit', async () => {
        await timeInput(page, { kind: 'problems' }, typeKey('='));
        await timeInput(page, { kind: 'noProblems' }, typeKey('Backspace'));
      });
    }

    // Canvas edit: delete a gem with the toolbar, then undo it.
    const deleteRuns: PageMeasurement[] = [];
    const undoRuns: PageMeasurement[] = [];
    const gem = page.locator(`.react-flow__node[data-id="${bench.middleGem}"]`);
    for (let i = 0; i < canvasEdits + 1; i++) {
      await gem.dispatchEvent('click');
      await gem.locator('[aria-pressed="true"]').waitFor();
      const deleted = await timeInput(
        page,
        { kind: 'gems', count: bench.gemCount - 1 },
        () => page.getByRole('button', { name: 'Delete', exact: true }).click(),
      );
      const undone = await timeInput(
        page,
        { kind: 'gems', count: bench.gemCount },
        () => page.getByRole('button', { name: 'Undo', exact: true }).click(),
      );
      if (i > 0) {
        deleteRuns.push(deleted);
        undoRuns.push(undone);
      }
    }

    const results = {
      pipeline: {
        name: bench.name,
        gems: bench.gemCount,
        edges: bench.edgeCount,
        bytes: bench.text.length,
      },
      app: APP,
      chromium: browser.version(),
      reactBuild,
      loadAverage: os.loadavg(),
      cpus: os.cpus().length,
      measuredAt: new Date().toISOString(),
      open: {
        first: first,
        interactive: summarize(
          openRuns.map(r => r.interactive),
          OPEN_GOAL_MS,
        ),
        painted: summarize(openRuns.map(r => r.painted)),
        fetched: summarize(openRuns.map(fetchedAt)),
        sourceRequest: { ...summarize(source.times), bytes: source.bytes },
        afterFetch: summarize(openRuns.map(r => r.painted - fetchedAt(r))),
        longTasks: summarize(
          openRuns.map(r => r.longTasks.reduce((t, l) => t + l.duration, 0)),
        ),
        runs: openRuns,
      },
      edit: {
        breakToProblem: summarize(
          breakRuns.map(r => r.painted),
          EDIT_GOAL_MS,
        ),
        mendToNoProblem: summarize(
          mendRuns.map(r => r.painted),
          EDIT_GOAL_MS,
        ),
        breakToInteractive: summarize(breakRuns.map(r => r.interactive)),
        runs: { break: breakRuns, mend: mendRuns },
      },
      canvas: {
        deleteGem: summarize(deleteRuns.map(r => r.painted)),
        undo: summarize(undoRuns.map(r => r.painted)),
        runs: { delete: deleteRuns, undo: undoRuns },
      },
    };
    const file = path.join(OUT, 'editor.json');
    await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);

    const milestones = Object.entries(first.milestones)
      .map(([name, at]) => `${name} ${ms(at)}`)
      .join(', ');
    console.log(
      `Open the ${bench.gemCount}-gem pipeline (client-side navigation in the app):`,
    );
    console.log(
      `  first open, loading the editor's code: interactive after ${ms(
        first.interactive,
      )} (${milestones})`,
    );
    report('to interactive (goal < 300 ms)', results.open.interactive);
    report('  to all gems, edges and file painted', results.open.painted);
    report('  of which fetching the file and draft', results.open.fetched);
    report('  and rendering after the fetch', results.open.afterFetch);
    report(
      `  GET …/source alone, from Node (${(source.bytes / 1024).toFixed(
        0,
      )} KiB)`,
      results.open.sourceRequest,
    );
    report('  long tasks (≥ 50 ms) in total', results.open.longTasks);
    console.log('\nEdit to updated validation, in CodeMirror:');
    report('break an expression → error listed', results.edit.breakToProblem);
    report('mend it → "No problems found."', results.edit.mendToNoProblem);
    report('break → main thread free again', results.edit.breakToInteractive);
    console.log('\nCanvas edit (toolbar):');
    report(
      `delete gem ${bench.middleGem} → canvas updated`,
      results.canvas.deleteGem,
    );
    report('undo → canvas updated', results.canvas.undo);
    console.log(
      `\n  open ${bench.gemCount}-gem pipeline: median ${ms(
        results.open.interactive.median,
      )} (${results.open.interactive.ofGoal!.toFixed(
        2,
      )} of the ${OPEN_GOAL_MS} ms goal)`,
    );
    console.log(
      `  edit to updated validation: median ${ms(
        results.edit.breakToProblem.median,
      )} (${results.edit.breakToProblem.ofGoal!.toFixed(
        2,
      )} of the ${EDIT_GOAL_MS} ms goal)`,
    );
    profileReport.forEach(line => console.log(line));
    console.log(
      `\nWrote ${path.relative(ROOT, file)} and the screenshot ${path.relative(
        ROOT,
        path.join(OUT, `editor-${bench.gemCount}-gems.png`),
      )}.`,
    );
  } finally {
    process.off('SIGINT', interrupted);
    await browser?.close();
    await cleanUp();
  }
}

main().catch(error => {
  console.error(`bench:editor could not measure: ${error.stack ?? error}`);
  process.exit(1);
});
