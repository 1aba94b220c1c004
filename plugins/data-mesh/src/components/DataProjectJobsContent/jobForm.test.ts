import {
  parseProjectFile,
  serializeProjectFile,
} from '@meshwork/data-mesh-common';
import {
  addTask,
  jobDraftOf,
  jobFileOf,
  removeTask,
  taskKeyFor,
  updateTask,
  validateJobDraft,
} from './jobForm';
import {
  describeQuartzCron,
  isKnownTimeZone,
  quartzCronProblem,
} from './quartzCron';

const FILE = 'jobs/Nightly.job.yaml';
const TEXT = `formatVersion: 1
name: Nightly
tasks:
  - key: load
    pipeline: Load
  - key: sum
    pipeline: Sum
    dependsOn:
      - load
schedule:
  cron: 0 0 2 * * ?
  timezone: UTC
alerts:
  onFailure:
    - ops@acme.example
retries: 1
tags:
  team: ops
`;
const PIPELINES = ['Load', 'Sum', 'ComputeSales'];

const job = () => parseProjectFile('job', FILE, TEXT).value!;

describe('Quartz cron expressions', () => {
  it.each([
    ['0 0 6 * * ?'],
    ['0 30 7 ? * MON-FRI'],
    ['0 0/15 * * * ?'],
    ['0 0 12 L * ?'],
    ['0 0 12 ? * 6#3'],
    ['0 0 6 * * ? 2027'],
    ['0 0 6 1,15 JAN,JUL ?'],
  ])('takes %p', cron => expect(quartzCronProblem(cron)).toBeUndefined());

  it.each([
    ['', /Say when/],
    ['0 6 * * *', /not 5\. A Unix cron has 5/],
    ['0 0 6 * * ? 2027 x', /not 8/],
    ['0 60 6 * * ?', /minutes field: '60' is not between 0 and 59/],
    ['0 0 6 * FOO ?', /month field: 'FOO'/],
    ['0 0 6 * * *', /exactly one of day of month and day of week/],
    ['0 0 6 ? * ?', /exactly one/],
    ['0 0/0 6 * * ?', /a step of 0/],
  ])('refuses %p', (cron, problem) =>
    expect(quartzCronProblem(cron)).toMatch(problem),
  );

  it('reads the common schedules out loud', () => {
    expect(describeQuartzCron('0 0 6 * * ?')).toBe('every day at 06:00');
    expect(describeQuartzCron('30 5 7 ? * MON-FRI')).toBe(
      'every MON-FRI at 07:05:30',
    );
    expect(describeQuartzCron('0 0 3 1 * ?')).toBe(
      'on day 1 of every month at 03:00',
    );
    expect(describeQuartzCron('0 0/15 * * * ?')).toBeUndefined();
    expect(describeQuartzCron('nonsense')).toBeUndefined();
  });

  it('knows IANA time zones', () => {
    expect(isKnownTimeZone('Europe/Amsterdam')).toBe(true);
    expect(isKnownTimeZone('UTC')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
    expect(isKnownTimeZone(' ')).toBe(false);
  });
});

describe('the job form', () => {
  it('gives back the file it was made from, unedited fields included', () => {
    const base = job();
    const text = serializeProjectFile('job', jobFileOf(base, jobDraftOf(base)));
    expect(text).toBe(serializeProjectFile('job', base));
    expect(text).toContain('retries: 1');
    expect(text).toContain('team: ops');
  });

  it('drops a switched-off schedule and empty alerts', () => {
    const base = job();
    const draft = { ...jobDraftOf(base), scheduled: false, onFailure: ' ' };
    const file = jobFileOf(base, draft);
    expect(file.schedule).toBeUndefined();
    expect(file.alerts).toBeUndefined();
    expect(
      parseProjectFile('job', FILE, serializeProjectFile('job', file))
        .diagnostics,
    ).toEqual([]);
  });

  it('splits alert addresses on commas, semicolons and lines', () => {
    const base = job();
    const file = jobFileOf(base, {
      ...jobDraftOf(base),
      onQualityBreach: 'a@acme.example;b@acme.example\n c@acme.example,',
    });
    expect(file.alerts).toEqual({
      onFailure: ['ops@acme.example'],
      onQualityBreach: ['a@acme.example', 'b@acme.example', 'c@acme.example'],
    });
  });

  it('names new tasks after their pipeline, once each', () => {
    expect(taskKeyFor('ComputeSales', [])).toBe('compute_sales');
    expect(taskKeyFor('Join-customers-redo', [])).toBe('join_customers_redo');
    expect(taskKeyFor('Load', ['load', 'load_2'])).toBe('load_3');
    const draft = addTask(addTask(jobDraftOf(job()), 'Load'), 'Load');
    expect(draft.tasks.map(t => t.key)).toEqual([
      'load',
      'sum',
      'load_2',
      'load_3',
    ]);
  });

  it('renames a key where other tasks wait for it, and forgets a removed task', () => {
    const draft = jobDraftOf(job());
    const [load] = draft.tasks;
    const renamed = updateTask(draft, load.id, { key: 'extract' });
    expect(renamed.tasks[1].dependsOn).toEqual(['extract']);
    expect(removeTask(renamed, load.id).tasks).toEqual([
      expect.objectContaining({ key: 'sum', dependsOn: [] }),
    ]);
  });

  it('finds the problems of a draft by field', () => {
    const draft = jobDraftOf(job());
    const [load, sum] = draft.tasks;
    expect(validateJobDraft(draft, PIPELINES)).toEqual({});
    const broken = updateTask(
      updateTask({ ...draft, timezone: 'Nowhere', onFailure: 'ops' }, sum.id, {
        pipeline: 'Gone',
      }),
      load.id,
      { dependsOn: ['sum', 'ghost'] },
    );
    expect(validateJobDraft(broken, PIPELINES)).toEqual({
      [`task.${sum.id}.pipeline`]: "The project has no pipeline 'Gone'.",
      [`task.${load.id}.dependsOn`]: "No task is called 'ghost'.",
      tasks: expect.stringMatching(/in a circle: (load|sum) → .* → (load|sum)/),
      timezone: expect.stringContaining("'Nowhere' is not a time zone"),
      onFailure: 'Not an email address: ops',
    });
    expect(validateJobDraft({ ...draft, tasks: [] }, PIPELINES).tasks).toMatch(
      /at least one task/,
    );
  });
});
