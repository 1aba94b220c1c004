import { ResponseError } from '@backstage/errors';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DataMeshApi, JobSource, ProjectJob } from '../../api';
import { renderWithEntity } from '../DataProductEntity/__testUtils__/renderWithEntity';
import {
  helloWorldComponent,
  helloWorldStructure,
  jobRun,
  page,
  pending,
  taskRun,
} from '../DataProjectEntity/__testUtils__/helloWorldProject';
import { DataProjectJobsContent } from './DataProjectJobsContent';
import { LAST_RUNS } from './JobCard';

jest.setTimeout(30_000);

const FILE = 'jobs/DailySummary.job.yaml';
const BASE = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const THEIRS = 'ffffeeee0000111122223333444455556666aaaa';

const JOB_TEXT = `formatVersion: 1
name: DailySummary
description: Refreshes the sales.
tasks:
  - key: customer_accounts
    pipeline: CustomerAccounts
  - key: account_lengths
    pipeline: account_length_days
    dependsOn:
      - customer_accounts
    parameters:
      as_of_date: "{{job.parameters.as_of_date}}"
  - key: compute_sales
    pipeline: ComputeSales
parameters:
  - name: as_of_date
    default: 2026-06-30
schedule:
  cron: 0 0 6 * * ?
  timezone: Europe/Amsterdam
  paused: false
alerts:
  onFailure:
    - data-platform@example.com
retries: 2
`;

const dailySummary: ProjectJob = {
  name: 'DailySummary',
  description: 'Refreshes the sales.',
  schedule: {
    cron: '0 0 6 * * ?',
    timezone: 'Europe/Amsterdam',
    paused: false,
  },
  tasks: [
    { key: 'customer_accounts', pipeline: 'CustomerAccounts', dependsOn: [] },
    {
      key: 'account_lengths',
      pipeline: 'account_length_days',
      dependsOn: ['customer_accounts'],
      parameters: { as_of_date: '{{job.parameters.as_of_date}}' },
    },
    { key: 'compute_sales', pipeline: 'ComputeSales', dependsOn: [] },
  ],
  parameters: [
    {
      name: 'as_of_date',
      default: '2026-06-30',
      description: 'The day lengths are measured up to.',
    },
  ],
  alerts: {
    onFailure: ['data-platform@example.com'],
    onQualityBreach: ['sales-analytics@example.com'],
  },
};

function structure(overrides: { canRun?: boolean; canEdit?: boolean } = {}) {
  return helloWorldStructure({ jobs: [dailySummary], ...overrides });
}

function jobSource(overrides: Partial<JobSource> = {}): JobSource {
  return {
    project: 'hello-world',
    job: 'DailySummary',
    path: FILE,
    branch: 'meshwork/sam/DailySummary.job',
    branchExists: false,
    pullRequests: false,
    commit: BASE,
    text: JOB_TEXT,
    value: null,
    defaultBranch: { name: 'main', commit: BASE, text: JOB_TEXT },
    diagnostics: [],
    pipelines: [
      'ComputeSales',
      'CustomerAccounts',
      'Join-customers-redo',
      'account_length_days',
    ],
    canEdit: true,
    ...overrides,
  };
}

async function responseError(status: number, body: object) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'Error', message: 'refused' },
        response: { statusCode: status },
        ...body,
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

function render(api: Partial<DataMeshApi>) {
  return renderWithEntity(
    <DataProjectJobsContent pollIntervalMs={10} />,
    helloWorldComponent,
    {
      getProject: async () => structure(),
      listRuns: async () => page([jobRun()]),
      getJobSource: async () => jobSource(),
      ...api,
    },
  );
}

/** Opens DailySummary's editor, as its owner. */
async function openEditor() {
  await userEvent.click(
    await screen.findByRole('button', { name: 'Edit DailySummary' }),
  );
  return screen.findByRole('form', { name: 'Edit DailySummary' });
}

const field = (name: string | RegExp) => screen.getByRole('textbox', { name });

/** Replaces a field's text, in one change as a paste makes it. */
async function retype(element: HTMLElement, text: string) {
  await userEvent.clear(element);
  if (text) {
    await userEvent.click(element);
    await userEvent.paste(text);
  }
}

const commitButton = () =>
  screen.getByRole('button', {
    name: 'Commit to meshwork/sam/DailySummary.job',
  });

async function commitWith(message: string) {
  await retype(field(/Commit message/), message);
  await userEvent.click(commitButton());
}

/**
 * A commitJob that first answers 409, their version being `theirs` at
 * THEIRS, then commits.
 */
function conflictingThenCommitting(theirs: string) {
  return jest
    .fn()
    .mockImplementationOnce(async () => {
      throw await responseError(409, {
        conflict: {
          path: FILE,
          base: { commit: BASE, text: JOB_TEXT },
          theirs: { commit: THEIRS, text: theirs },
          yours: { text: 'x' },
        },
      });
    })
    .mockImplementation(async () => ({
      commit: 'c2',
      branch: 'meshwork/sam/DailySummary.job',
      parent: THEIRS,
      changedPaths: [FILE],
    }));
}

describe('DataProjectJobsContent', () => {
  it("shows each job's tasks in run order, its schedule, alerts, parameters and last runs", async () => {
    const listRuns = jest.fn(async () =>
      page([jobRun({ status: 'failed', error: 'boom' })]),
    );
    const getRun = jest.fn(async () => ({
      ...jobRun({ status: 'failed' }),
      costs: [],
      tasks: [taskRun({ status: 'failed', error: 'Conversion Error' })],
    }));
    await render({
      listRuns,
      getRun,
      listQualityResults: async () => page([]),
    });

    const tasks = await screen.findByText('Tasks, in the order they run');
    const table = tasks.closest('div[class*="MuiPaper"]') as HTMLElement;
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map(r => within(r).getAllByRole('cell')[1].textContent),
    ).toEqual(['customer_accounts', 'account_lengths', 'compute_sales']);
    expect(
      within(rows[1]).getByText('as_of_date = {{job.parameters.as_of_date}}'),
    ).toBeInTheDocument();
    expect(within(rows[1]).getByText('customer_accounts')).toBeInTheDocument();

    expect(screen.getByText(/every day at 06:00/)).toHaveTextContent(
      '0 0 6 * * ? (Europe/Amsterdam) — every day at 06:00',
    );
    expect(
      screen.getByText('On failure: data-platform@example.com'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('On quality breach: sales-analytics@example.com'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('The day lengths are measured up to.', { exact: false }),
    ).toBeInTheDocument();

    expect(
      await screen.findByText('Last runs of DailySummary'),
    ).toBeInTheDocument();
    expect(listRuns).toHaveBeenCalledWith({
      project: 'hello-world',
      job: 'DailySummary',
      limit: LAST_RUNS,
    });
    await userEvent.click(
      screen.getAllByRole('button', { name: /detail panel/i })[0],
    );
    expect(await screen.findByText('Conversion Error')).toBeInTheDocument();
    expect(getRun).toHaveBeenCalledWith('run-1');
  });

  it('runs a job now from its card and follows the run', async () => {
    let runs = [jobRun()];
    const listRuns = jest.fn(async () => page(runs));
    const runJob = jest.fn(async () => {
      runs = [
        jobRun({ id: 'run-2', status: 'queued', trigger: 'manual' }),
        ...runs,
      ];
      return { id: 'run-2' };
    });
    await render({ listRuns, runJob });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Run DailySummary now' }),
    );
    expect(runJob).toHaveBeenCalledWith('hello-world', 'DailySummary');
    expect(await screen.findByText('Queued')).toBeInTheDocument();
    runs = [jobRun({ id: 'run-2', trigger: 'manual' }), jobRun()];
    await waitFor(() =>
      expect(screen.getAllByText('Succeeded')).toHaveLength(2),
    );
  });

  it('shows a reader of another team the job without edit or run controls', async () => {
    const getJobSource = jest.fn();
    await render({
      getProject: async () => structure({ canRun: false, canEdit: false }),
      getJobSource,
    });
    expect(
      await screen.findByText('Tasks, in the order they run'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Edit DailySummary' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Run DailySummary now/ }),
    ).not.toBeInTheDocument();
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
    expect(getJobSource).not.toHaveBeenCalled();
  });

  it('commits a new schedule and alerts as the job file, canonically', async () => {
    const commitJob = jest.fn(async () => ({
      commit: 'c0ffee00c0ffee00',
      branch: 'meshwork/sam/DailySummary.job',
      parent: BASE,
      changedPaths: [
        'generated/manifest.json',
        FILE,
        'resources/daily_summary.job.yml',
      ],
    }));
    await render({ commitJob });
    await openEditor();
    expect(commitButton()).toBeDisabled();

    await retype(field('Cron (Quartz)'), '0 30 5 ? * MON-FRI');
    expect(screen.getByText('every MON-FRI at 05:30')).toBeInTheDocument();
    await retype(screen.getByRole('combobox', { name: 'Time zone' }), 'UTC');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Paused' }));
    await retype(
      field('Email on failure'),
      'data-platform@example.com, sam@acme.example',
    );
    await retype(field('Email on quality breach'), 'sales@acme.example');
    await commitWith('Weekdays at 5:30 UTC, paused');

    await waitFor(() => expect(commitJob).toHaveBeenCalledTimes(1));
    const [project, job, request] = commitJob.mock.calls[0] as any[];
    expect([project, job]).toEqual(['hello-world', 'DailySummary']);
    expect(request.baseCommit).toBe(BASE);
    expect(request.message).toBe('Weekdays at 5:30 UTC, paused');
    expect(request.text).toContain(
      [
        'schedule:',
        '  cron: 0 30 5 ? * MON-FRI',
        '  timezone: UTC',
        '  paused: true',
        'alerts:',
        '  onFailure:',
        '    - data-platform@example.com',
        '    - sam@acme.example',
        '  onQualityBreach:',
        '    - sales@acme.example',
      ].join('\n'),
    );
    // What the form does not edit is kept.
    expect(request.text).toContain(
      'as_of_date: "{{job.parameters.as_of_date}}"',
    );
    expect(request.text).toContain('retries: 2');

    expect(await screen.findByText(/^Committed c0ffee00/)).toHaveTextContent(
      'Committed c0ffee00 to meshwork/sam/DailySummary.job: generated/manifest.json, jobs/DailySummary.job.yaml, resources/daily_summary.job.yml',
    );
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
  });

  it('adds, reorders and removes tasks, and sets what each runs after', async () => {
    const commitJob = jest.fn(async () => ({
      commit: 'c1',
      branch: 'meshwork/sam/DailySummary.job',
      parent: BASE,
      changedPaths: [],
    }));
    await render({ commitJob });
    await openEditor();

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Pipeline to add' }),
      'Join-customers-redo',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Add task' }));
    const added = screen.getByRole('group', {
      name: 'Task join_customers_redo',
    });
    expect(
      within(added).getByRole('combobox', { name: 'Pipeline' }),
    ).toHaveValue('Join-customers-redo');
    await userEvent.click(
      screen.getByRole('button', { name: 'Move join_customers_redo up' }),
    );
    await userEvent.click(
      within(
        screen.getByRole('group', { name: 'Tasks compute_sales runs after' }),
      ).getByRole('checkbox', { name: 'join_customers_redo' }),
    );
    // Removing a task that another waits for frees the other.
    await userEvent.click(
      screen.getByRole('button', { name: 'Remove customer_accounts' }),
    );
    expect(
      within(
        screen.getByRole('group', { name: 'Tasks account_lengths runs after' }),
      ).getByRole('checkbox', { name: 'join_customers_redo' }),
    ).not.toBeChecked();
    expect(
      screen.getByText(
        'Runs in this order: account_lengths → join_customers_redo → compute_sales',
      ),
    ).toBeInTheDocument();

    await commitWith('Join customers before computing sales');
    await waitFor(() => expect(commitJob).toHaveBeenCalled());
    const text: string = (commitJob.mock.calls[0] as any[])[2].text;
    expect(text).toContain(
      [
        'tasks:',
        '  - key: account_lengths',
        '    pipeline: account_length_days',
        '    parameters:',
        '      as_of_date: "{{job.parameters.as_of_date}}"',
        '  - key: join_customers_redo',
        '    pipeline: Join-customers-redo',
        '  - key: compute_sales',
        '    pipeline: ComputeSales',
        '    dependsOn:',
        '      - join_customers_redo',
        'parameters:',
      ].join('\n'),
    );
  });

  it('says what is wrong with each field before anything is sent', async () => {
    const commitJob = jest.fn();
    await render({ commitJob });
    await openEditor();

    await retype(field('Cron (Quartz)'), '0 6 * * *');
    expect(
      screen.getByText(/not 5\. A Unix cron has 5: add the seconds in front/),
    ).toBeInTheDocument();
    await retype(field('Cron (Quartz)'), '0 0 25 * * ?');
    expect(
      screen.getByText("The hours field: '25' is not between 0 and 23."),
    ).toBeInTheDocument();
    await retype(
      screen.getByRole('combobox', { name: 'Time zone' }),
      'Mars/Olympus',
    );
    expect(
      screen.getByText(/'Mars\/Olympus' is not a time zone/),
    ).toBeInTheDocument();
    await retype(field('Email on failure'), 'data-platform, sam@acme.example');
    expect(
      screen.getByText('Not an email address: data-platform'),
    ).toBeInTheDocument();
    const sales = screen.getByRole('group', { name: 'Task compute_sales' });
    await retype(
      within(sales).getByRole('textbox', { name: 'Task key' }),
      'account_lengths',
    );
    expect(
      screen.getAllByText("Another task is called 'account_lengths'."),
    ).toHaveLength(2);
    await retype(
      within(
        screen.getAllByRole('group', { name: 'Task account_lengths' })[1],
      ).getByRole('textbox', { name: 'Task key' }),
      '1st',
    );
    expect(
      screen.getByText(
        'Letters, digits and _ only, not starting with a digit.',
      ),
    ).toBeInTheDocument();
    await retype(
      within(screen.getByRole('group', { name: 'Task 1st' })).getByRole(
        'textbox',
        { name: 'Task key' },
      ),
      'compute_sales',
    );
    // customer_accounts waits for account_lengths, which waits for it.
    await userEvent.click(
      within(
        screen.getByRole('group', {
          name: 'Tasks customer_accounts runs after',
        }),
      ).getByRole('checkbox', { name: 'account_lengths' }),
    );
    expect(
      screen.getByText(/The tasks wait for each other in a circle/),
    ).toHaveTextContent(
      /(customer_accounts → account_lengths → customer_accounts)|(account_lengths → customer_accounts → account_lengths)/,
    );

    await userEvent.click(commitButton());
    expect(screen.getByText('Say what the change does.')).toBeInTheDocument();
    await commitWith('Broken on purpose');
    expect(
      screen.getByText(
        /Nothing was committed: fix the 4 problems marked above/,
      ),
    ).toBeInTheDocument();
    expect(commitJob).not.toHaveBeenCalled();
  });

  it("shows the compiler's problems when the commit is refused", async () => {
    const commitJob = jest.fn(async () => {
      throw await responseError(400, {
        diagnostics: [
          {
            file: FILE,
            line: 12,
            column: 21,
            endLine: 12,
            endColumn: 40,
            path: 'tasks[1].parameters.as_of_date',
            message: "the job declares no parameter 'as_of'",
            severity: 'error',
            code: 'unknown-parameter',
          },
        ],
      });
    });
    await render({ commitJob });
    await openEditor();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Paused' }));
    await commitWith('Pause');
    const problems = await screen.findByRole('list', {
      name: 'Problems of the commit',
    });
    expect(problems).toHaveTextContent(
      `${FILE}:12:21 error: the job declares no parameter 'as_of'`,
    );
    expect(problems).toHaveTextContent('tasks[1].parameters.as_of_date');
    // The edit is still there to fix.
    expect(screen.getByRole('checkbox', { name: 'Paused' })).toBeChecked();
  });

  it('offers their version after a conflict, keeping the edit to copy from', async () => {
    const theirs = JOB_TEXT.replace('cron: 0 0 6 * * ?', 'cron: 0 0 7 * * ?');
    const commitJob = conflictingThenCommitting(theirs);
    await render({ commitJob });
    await openEditor();
    await retype(field('Email on failure'), 'sam@acme.example');
    await commitWith('Alert sam');

    expect(
      await screen.findByText(
        /changed on meshwork\/sam\/DailySummary.job since you opened it \(commit ffffeeee\)/,
      ),
    ).toBeInTheDocument();
    expect(commitButton()).toBeDisabled();
    await userEvent.click(
      screen.getByRole('button', { name: 'Load their version' }),
    );
    expect(field('Cron (Quartz)')).toHaveValue('0 0 7 * * ?');
    expect(field('Email on failure')).toHaveValue('data-platform@example.com');
    expect(
      (field('Your edit (not committed)') as HTMLTextAreaElement).value,
    ).toContain('onFailure:\n    - sam@acme.example');

    await retype(field('Email on failure'), 'sam@acme.example');
    await commitWith('Alert sam');
    await waitFor(() => expect(commitJob).toHaveBeenCalledTimes(2));
    const request = (commitJob.mock.calls[1] as any[])[2];
    expect(request.baseCommit).toBe(THEIRS);
    expect(request.text).toContain('cron: 0 0 7 * * ?');
    expect(request.text).toContain('- sam@acme.example');
  });

  it('commits the edit over theirs when the user keeps it', async () => {
    const commitJob = conflictingThenCommitting(JOB_TEXT);
    await render({ commitJob });
    await openEditor();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Paused' }));
    await commitWith('Pause');
    await userEvent.click(
      await screen.findByRole('button', { name: 'Keep my edit' }),
    );
    await userEvent.click(commitButton());
    await waitFor(() => expect(commitJob).toHaveBeenCalledTimes(2));
    const request = (commitJob.mock.calls[1] as any[])[2];
    expect(request.baseCommit).toBe(THEIRS);
    expect(request.text).toContain('paused: true');
  });

  it('shows a job file that does not parse without a form', async () => {
    await render({
      getJobSource: async () => jobSource({ text: 'tasks: [\n' }),
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Edit DailySummary' }),
    );
    expect(
      await screen.findByText(/does not parse, so it cannot be edited here/),
    ).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Problems' })).toBeInTheDocument();
  });

  it('says when there are no jobs, and shows loading and errors', async () => {
    const { unmount } = await render({
      getProject: async () => helloWorldStructure({ jobs: [] }),
    });
    expect(await screen.findByText('No jobs yet')).toBeInTheDocument();
    unmount();

    const loading = await render({ getProject: () => pending() });
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    loading.unmount();

    await render({
      getProject: async () => {
        throw new Error('The catalog is unavailable');
      },
    });
    expect(
      (await screen.findAllByText(/The catalog is unavailable/))[0],
    ).toBeInTheDocument();
  });
});
