/**
 * What the editor benchmark measures inside the page, in the page's own
 * clock (`performance.now()`), so that no Playwright round trip is counted.
 * `installPageProbes` is given to `page.addInitScript`: Playwright sends its
 * source to the browser, so it uses nothing from outside its body.
 *
 * A measurement starts at a navigation the probe makes itself, or at the
 * first key press or click after `arm`, and ends when what the user waits
 * for is in the DOM (seen by a MutationObserver) and painted: the frame
 * after it (requestAnimationFrame, then a task, which runs after that
 * frame's paint).
 */

/** What the page must show for a measurement to end. */
export type PageCondition =
  | { kind: 'editor'; gems: number; edges: number; text: string }
  | { kind: 'problems' }
  | { kind: 'noProblems' }
  | { kind: 'gems'; count: number };

export interface LongTask {
  /** Milliseconds after the start of the measurement. */
  start: number;
  duration: number;
}

export interface PageMeasurement {
  /** From the start to the frame that shows the condition, in ms. */
  painted: number;
  /** From the start to when the DOM met the condition, in ms. */
  inDom: number;
  /**
   * From the start to the end of the last long task (50 ms or more) before
   * the main thread stayed free for `quietMs`: when the page answers input
   * without delay. At least `painted`.
   */
  interactive: number;
  /** Long tasks from the start until `interactive`. */
  longTasks: LongTask[];
  /** Milestones of an editor's opening (first gem, all gems, all edges, file shown, view fitted), in ms. */
  milestones: Record<string, number>;
  /** The editor's API calls made from the start: path, start and end in ms. */
  requests: Array<{ path: string; start: number; end: number }>;
}

export interface EditorBenchProbes {
  /** Client-side navigation, as a link of the app does it. */
  navigate(path: string): void;
  /** Navigates to `path` and measures until the editor is shown. */
  open(
    path: string,
    condition: PageCondition,
    options: { quietMs: number; timeoutMs: number },
  ): Promise<PageMeasurement>;
  /** Measures from the next key press or click until `condition`; read with `pending`. */
  arm(
    condition: PageCondition,
    options: { quietMs: number; timeoutMs: number },
  ): void;
  pending?: Promise<PageMeasurement>;
  /** Resolves once no long task ran and no request started for `ms`. */
  quiet(ms: number, timeoutMs: number): Promise<void>;
}

declare global {
  interface Window {
    editorBench?: EditorBenchProbes;
  }
}

export function installPageProbes() {
  const longTasks: Array<{ startTime: number; duration: number }> = [];
  try {
    new PerformanceObserver(list => {
      for (const entry of list.getEntries()) {
        longTasks.push({
          startTime: entry.startTime,
          duration: entry.duration,
        });
      }
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // Without the Long Tasks API, `interactive` is `painted`.
  }

  const conditionMet = (
    condition: PageCondition,
    marks: Record<string, number>,
  ) => {
    const now = performance.now();
    const mark = (name: string, reached: boolean) => {
      if (reached && marks[name] === undefined) marks[name] = now;
      return marks[name] !== undefined;
    };
    switch (condition.kind) {
      case 'editor': {
        const gems =
          document.querySelectorAll<HTMLElement>('.react-flow__node');
        mark('firstGem', gems.length > 0);
        const allGems = mark(
          'allGems',
          gems.length === condition.gems &&
            Array.from(gems).every(g => g.style.visibility !== 'hidden'),
        );
        const allEdges = mark(
          'allEdges',
          document.querySelectorAll('.react-flow__edge').length ===
            condition.edges,
        );
        const file = document.querySelector('.cm-content');
        const fileShown = mark(
          'fileShown',
          file !== null && (file.textContent ?? '').includes(condition.text),
        );
        // React Flow starts at scale 1 and `fitView` zooms out to show a
        // large graph.
        const viewport = document.querySelector<HTMLElement>(
          '.react-flow__viewport',
        );
        const fitted = mark(
          'fitted',
          viewport !== null &&
            viewport.style.transform !== '' &&
            !/scale\(1\)/.test(viewport.style.transform),
        );
        return allGems && allEdges && fileShown && fitted;
      }
      case 'problems': {
        const list = document.querySelector('[aria-label="Problems"]');
        return list !== null && (list.textContent ?? '').includes('error');
      }
      case 'noProblems':
        return (
          document.querySelector('[aria-label="Problems"]') === null &&
          Array.from(document.querySelectorAll('[role="status"]')).some(s =>
            (s.textContent ?? '').includes('No problems found.'),
          )
        );
      case 'gems':
        return (
          document.querySelectorAll('.react-flow__node').length ===
          condition.count
        );
      default:
        return false;
    }
  };

  const afterPaint = () =>
    new Promise<number>(resolve =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(undefined);
      }),
    );

  /** Resolves when no long task is under way or began in the last `ms`. */
  const mainThreadQuiet = (ms: number, timeoutMs: number) =>
    new Promise<void>(resolve => {
      const deadline = performance.now() + timeoutMs;
      const poll = () => {
        const now = performance.now();
        const last = longTasks[longTasks.length - 1];
        const lastEnd = last ? last.startTime + last.duration : 0;
        const lastRequest = performance
          .getEntriesByType('resource')
          .reduce((latest, r) => Math.max(latest, r.startTime), 0);
        if (
          (now - lastEnd >= ms && now - lastRequest >= ms) ||
          now > deadline
        ) {
          resolve();
        } else {
          setTimeout(poll, 50);
        }
      };
      poll();
    });

  /** Waits for `condition` after `start()` runs; times from `startedAt()`. */
  const measure = (
    condition: PageCondition,
    options: { quietMs: number; timeoutMs: number },
    start: () => void,
    startedAt: () => number | undefined,
  ) =>
    new Promise<PageMeasurement>((resolve, reject) => {
      const marks: Record<string, number> = {};
      let inDomAt: number | undefined;
      const observer = new MutationObserver(check);
      const timer = setTimeout(() => {
        observer.disconnect();
        reject(
          new Error(
            `the page did not show ${JSON.stringify(condition)} within ${
              options.timeoutMs
            } ms (reached: ${JSON.stringify(Object.keys(marks))})`,
          ),
        );
      }, options.timeoutMs);
      const finish = async () => {
        const paintedAt = await afterPaint();
        await mainThreadQuiet(options.quietMs, options.timeoutMs);
        clearTimeout(timer);
        const t0 = startedAt() ?? paintedAt;
        const tasks = longTasks
          .filter(t => t.startTime + t.duration > t0)
          .map(t => ({
            start: Math.max(t.startTime, t0) - t0,
            duration: t.startTime + t.duration - Math.max(t.startTime, t0),
          }));
        const lastEnd = tasks.reduce(
          (end, t) => Math.max(end, t.start + t.duration),
          0,
        );
        const milestones: Record<string, number> = {};
        for (const [name, at] of Object.entries(marks)) {
          milestones[name] = at - t0;
        }
        resolve({
          painted: paintedAt - t0,
          inDom: inDomAt! - t0,
          interactive: Math.max(paintedAt - t0, lastEnd),
          longTasks: tasks,
          milestones,
          requests: performance
            .getEntriesByType('resource')
            .filter(
              r => r.startTime >= t0 && r.name.includes('/api/data-mesh/'),
            )
            .map(r => ({
              path: new URL(r.name).pathname,
              start: r.startTime - t0,
              end: (r as PerformanceResourceTiming).responseEnd - t0,
            })),
        });
      };
      function check() {
        if (inDomAt !== undefined || startedAt() === undefined) return;
        if (!conditionMet(condition, marks)) return;
        inDomAt = performance.now();
        observer.disconnect();
        finish().catch(reject);
      }
      observer.observe(document.body, {
        childList: true,
        subtree: true,
        attributes: true,
        characterData: true,
      });
      start();
      check();
    });

  const navigate = (path: string) => {
    // What react-router's history does for a link, and what it listens to.
    window.history.pushState(null, '', path);
    window.dispatchEvent(new PopStateEvent('popstate', { state: null }));
  };

  const probes: EditorBenchProbes = {
    navigate,
    open(path, condition, options) {
      let t0: number | undefined;
      return measure(
        condition,
        options,
        () => {
          t0 = performance.now();
          navigate(path);
        },
        () => t0,
      );
    },
    arm(condition, options) {
      let t0: number | undefined;
      const onInput = (event: Event) => {
        // The event's creation time, before any handler of the page ran.
        t0 = event.timeStamp;
        window.removeEventListener('keydown', onInput, true);
        window.removeEventListener('click', onInput, true);
      };
      window.addEventListener('keydown', onInput, true);
      window.addEventListener('click', onInput, true);
      probes.pending = measure(
        condition,
        options,
        () => undefined,
        () => t0,
      );
    },
    quiet: mainThreadQuiet,
  };
  window.editorBench = probes;
}
