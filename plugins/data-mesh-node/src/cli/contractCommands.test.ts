/**
 * @jest-environment node
 */
import git from 'isomorphic-git';
import fs from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runContractDiff } from './commands/contractDiff';
import { main } from './main';

const HELLO_WORLD = resolve(__dirname, '../../../../examples/hello-world');
const TOTAL_SALES = 'datasets/TotalSales.dataset.yaml';
const FINANCE = 'group:default/finance-insights';
const MARKETING = 'group:default/marketing-analytics';
const author = { name: 'Sam', email: 'sam@example.com' };

function capture() {
  const out = { stdout: '', stderr: '' };
  const io = {
    stdout: { write: (text: string) => (out.stdout += text) },
    stderr: { write: (text: string) => (out.stderr += text) },
  };
  return { out, io };
}

async function run(...argv: string[]) {
  const { out, io } = capture();
  const code = await main(argv, io);
  return { code, ...out };
}

let root: string;
/** Hello World inside the repository, as `.data/repos` and monorepos hold it. */
let project: string;
let subscriptionsFile: string;

async function commitAll(message: string) {
  await git.add({ fs, dir: root, filepath: '.' });
  return git.commit({ fs, dir: root, message, author });
}

/** TotalSales without its `units_sold` column. */
async function dropUnitsSold() {
  const path = join(project, TOTAL_SALES);
  const text = await readFile(path, 'utf8');
  const dropped = text.replace(
    /\n {4}- name: units_sold\n {6}type: bigint\n {6}description: Units sold\./,
    '',
  );
  expect(dropped).not.toBe(text);
  await writeFile(path, dropped);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'meshwork-contract-diff-'));
  project = join(root, 'projects', 'hello-world');
  await cp(HELLO_WORLD, project, { recursive: true });
  await git.init({ fs, dir: root, defaultBranch: 'main' });
  await commitAll('Hello World');
  await git.tag({ fs, dir: root, ref: 'published' });
  await dropUnitsSold();
  await commitAll('TotalSales no longer counts units');

  subscriptionsFile = join(root, 'subscriptions.json');
  await writeFile(
    subscriptionsFile,
    JSON.stringify([
      {
        project: 'hello-world',
        dataset: 'TotalSales',
        team: FINANCE,
        columns: ['currency', 'units_sold'],
      },
      // Granted other columns: the dropped one is not theirs to miss.
      {
        project: 'hello-world',
        dataset: 'TotalSales',
        team: MARKETING,
        columns: ['currency'],
      },
      // Not approved, or of another project: not subscribers.
      {
        project: 'hello-world',
        dataset: 'TotalSales',
        team: 'group:default/platform-team',
        state: 'pending',
      },
      { project: 'other', dataset: 'TotalSales', team: 'group:default/x' },
    ]),
  );
}, 60_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('meshwork contract diff', () => {
  it('names a dropped subscribed column and its subscribing team, and exits 1', async () => {
    const result = await run(
      'contract',
      'diff',
      project,
      '--base',
      'HEAD~1',
      '--subscriptions',
      subscriptionsFile,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        '1 breaking contract change since HEAD~1:',
        '  column TotalSales.units_sold (bigint) removed',
        `    subscribed: ${FINANCE}`,
        '',
      ].join('\n'),
    );
  });

  it('takes subscribers from any source, all-column subscribers included', async () => {
    const { out, io } = capture();
    const approvedSubscriptions = jest.fn(async () => [
      { dataset: 'TotalSales', team: MARKETING },
      { dataset: 'DailySummary', team: FINANCE },
    ]);
    const code = await runContractDiff([project, '--base', 'published'], io, {
      subscriptions: { description: 'fixed', approvedSubscriptions },
    });
    expect(code).toBe(1);
    expect(approvedSubscriptions).toHaveBeenCalledWith('hello-world');
    expect(out.stdout).toContain(
      `  column TotalSales.units_sold (bigint) removed\n    subscribed: ${MARKETING}\n`,
    );
  });

  it('exits 0 when nothing changed, and lists changes that break nothing', async () => {
    expect(await run('contract', 'diff', project, '--base', 'main')).toEqual({
      code: 0,
      stdout: 'no contract changes since main\n',
      stderr: '',
    });

    const head = await git.resolveRef({ fs, dir: root, ref: 'HEAD' });
    const path = join(project, TOTAL_SALES);
    const text = await readFile(path, 'utf8');
    try {
      await writeFile(
        path,
        text.replace('freshnessHours: 26', 'freshnessHours: 24'),
      );
      const result = await run(
        'contract',
        'diff',
        project,
        '--base',
        head.slice(0, 8),
      );
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(
        `other contract changes since ${head.slice(0, 8)}:\n` +
          '  SLA latency of TotalSales tightened: 26 h → 24 h\n',
      );
    } finally {
      await writeFile(path, text);
    }
  });

  it('says when it could not name subscribers', async () => {
    const result = await run('contract', 'diff', project, '--base', 'HEAD^');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'subscribers not checked: give --api or --subscriptions to name them',
    );
  });

  it('reads approved subscriptions from the data-mesh API with a token', async () => {
    const requests: { url?: string; authorization?: string }[] = [];
    const server: Server = createServer((req, res) => {
      requests.push({
        url: req.url,
        authorization: req.headers.authorization,
      });
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          items: [
            {
              id: '1',
              product: 'dataproduct:default/total-sales',
              project: 'hello-world',
              dataset: 'TotalSales',
              team: FINANCE,
              allColumns: true,
              state: 'approved',
            },
          ],
        }),
      );
    });
    await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
    try {
      const { port } = server.address() as AddressInfo;
      const result = await run(
        'contract',
        'diff',
        project,
        '--base',
        'HEAD~1',
        '--api',
        `http://127.0.0.1:${port}/api/data-mesh/`,
        '--token',
        'secret',
      );
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(`    subscribed: ${FINANCE}\n`);
      expect(requests).toEqual([
        {
          url: '/api/data-mesh/subscriptions?state=approved',
          authorization: 'Bearer secret',
        },
      ]);
    } finally {
      await new Promise(done => server.close(done));
    }
  });

  it.each([
    [
      [],
      "expected <project>, got 0 arguments (see 'meshwork contract --help')",
    ],
    [
      ['.'],
      "missing --base <git ref>, the commit to compare with (see 'meshwork contract --help')",
    ],
    [
      ['PROJECT', '--base', 'no-such-branch'],
      "--base: no commit 'no-such-branch' in the repository (see 'meshwork contract --help')",
    ],
    [
      ['PROJECT', '--base', 'HEAD~5'],
      "--base: 'HEAD~5' goes past the repository's first commit (see 'meshwork contract --help')",
    ],
    [
      ['PROJECT', '--base', 'HEAD', '--api', 'x', '--subscriptions', 'y'],
      "give --api or --subscriptions, not both (see 'meshwork contract --help')",
    ],
  ])('exits 2 for a usage error: %j', async (args, message) => {
    const argv = args.map(a => (a === 'PROJECT' ? project : a));
    const result = await run('contract', 'diff', ...argv);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: `meshwork: ${message}\n`,
    });
  });

  it('exits 2 for a project outside any git repository', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'meshwork-no-git-'));
    try {
      const result = await run('contract', 'diff', outside, '--base', 'HEAD');
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('is not in a git repository');
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('exits 1 with the reason when the subscriptions file is not a list', async () => {
    const bad = join(root, 'bad.json');
    await writeFile(bad, JSON.stringify([{ dataset: 'TotalSales' }]));
    const result = await run(
      'contract',
      'diff',
      project,
      '--base',
      'HEAD~1',
      '--subscriptions',
      bad,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/bad\.json is not a list of subscriptions/);
  });
});
