import { helloWorldJobs, helloWorldProject } from './__fixtures__/helloWorld';
import type { BundleDiagnostic } from './diagnostics';
import type { BundleJob, BundleProject, BundleTask } from './model';
import { isValidTimeZoneId } from './timeZones';
import { validateBundleInput } from './validateBundleInput';

const project: BundleProject = {
  name: 'p',
  owner: 'team-a',
  targets: {
    dev: { catalog: 'dev', schema: 's' },
    prod: { catalog: 'prod', schema: 's' },
  },
};

const sqlTask = (key: string, ...dependsOn: string[]): BundleTask => ({
  key,
  pipeline: key,
  dependsOn,
  kind: 'sql',
  file: `generated/sql/${key}.sql`,
});

const job = (overrides: Partial<BundleJob> = {}): BundleJob => ({
  name: 'Nightly',
  tasks: [sqlTask('a')],
  ...overrides,
});

const summary = (diagnostics: BundleDiagnostic[]) =>
  diagnostics.map(
    d => `${d.severity} ${d.code} ${d.field ?? '-'}: ${d.message}`,
  );

describe('validateBundleInput', () => {
  it('accepts Hello World', () => {
    expect(validateBundleInput(helloWorldProject, helloWorldJobs)).toEqual([]);
  });

  it('reports malformed parameters and ones that would replace the target', () => {
    const task = {
      ...sqlTask('a'),
      pipelineParameters: { catalog: 'x', 'not a name': 'y' },
    };
    expect(
      summary(
        validateBundleInput(project, [
          job({
            tasks: [task],
            parameters: [
              { name: 'day', default: '1' },
              { name: 'day', default: '2' },
              { name: 'bad name', default: '3' },
            ],
          }),
        ]),
      ),
    ).toEqual([
      'error invalid-input tasks[0].pipelineParameters: parameter "catalog" would replace the target\'s catalog',
      'error invalid-input tasks[0].pipelineParameters: "not a name" is not a parameter name',
      'error duplicate parameters[1]: job parameter "day" is declared twice',
      'error invalid-input parameters[2]: a job parameter needs a name (letters, digits and _) and a string default',
    ]);
  });

  it('reports a project without jobs', () => {
    expect(summary(validateBundleInput(project, []))).toEqual([
      'error empty -: the project has no jobs, so there is nothing to deploy',
    ]);
  });

  it('reports a job without tasks', () => {
    expect(validateBundleInput(project, [job({ tasks: [] })])).toEqual([
      {
        severity: 'error',
        code: 'empty',
        message: 'the job has no tasks',
        job: 'Nightly',
        field: 'tasks',
      },
    ]);
  });

  it('reports unknown dependsOn keys with the task and field', () => {
    expect(
      validateBundleInput(project, [job({ tasks: [sqlTask('a', 'ghost')] })]),
    ).toEqual([
      {
        severity: 'error',
        code: 'unknown-dependency',
        message: 'task "a" depends on "ghost", which is not a task of this job',
        job: 'Nightly',
        task: 'a',
        field: 'tasks[0].dependsOn',
      },
    ]);
  });

  it('names a dependency cycle', () => {
    const diagnostics = validateBundleInput(project, [
      job({
        tasks: [
          sqlTask('load'),
          sqlTask('a', 'load', 'c'),
          sqlTask('b', 'a'),
          sqlTask('c', 'b'),
        ],
      }),
    ]);
    expect(summary(diagnostics)).toEqual([
      'error dependency-cycle tasks: tasks depend on each other in a cycle: a → c → b → a',
    ]);
  });

  it('reports a task that depends on itself as a cycle', () => {
    expect(
      summary(
        validateBundleInput(project, [job({ tasks: [sqlTask('a', 'a')] })]),
      ),
    ).toEqual([
      'error dependency-cycle tasks: tasks depend on each other in a cycle: a → a',
    ]);
  });

  it('reports duplicate task keys and duplicate job names', () => {
    const diagnostics = validateBundleInput(project, [
      job({ tasks: [sqlTask('a'), sqlTask('a')] }),
      job(),
    ]);
    expect(summary(diagnostics)).toEqual([
      'error duplicate tasks[1].key: task key "a" is used more than once',
      'error duplicate name: job name "Nightly" is used more than once',
    ]);
  });

  it('reports an invalid Quartz cron expression', () => {
    const diagnostics = validateBundleInput(project, [
      job({
        schedule: { quartzCron: '0 6 * * *', timezone: 'UTC', paused: false },
      }),
    ]);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'invalid-cron',
        field: 'schedule.quartzCron',
        message: expect.stringMatching(
          /^"0 6 \* \* \*" is not a Quartz cron expression: expected 6 or 7 fields/,
        ),
      }),
    ]);
  });

  it('reports an invalid time zone', () => {
    const diagnostics = validateBundleInput(project, [
      job({
        schedule: {
          quartzCron: '0 0 6 * * ?',
          timezone: 'Europe/Amsterdan',
          paused: false,
        },
      }),
    ]);
    expect(summary(diagnostics)).toEqual([
      'error invalid-timezone schedule.timezone: "Europe/Amsterdan" is not a time zone id such as "Europe/Amsterdam" or "UTC"',
    ]);
  });

  it('reports unusable generated-file paths', () => {
    const bad = (file: string, kind: 'sql' | 'python' = 'sql') =>
      summary(
        validateBundleInput(project, [
          job({ tasks: [{ ...sqlTask('a'), kind, file }] }),
        ]),
      );
    expect(bad('/abs/a.sql')).toEqual([
      'error invalid-file tasks[0].file: "/abs/a.sql" must be a plain path relative to the repository root',
    ]);
    expect(bad('generated/../../a.sql')).toHaveLength(1);
    expect(bad('generated\\sql\\a.sql')).toHaveLength(1);
    expect(bad('generated/sql/a.sql', 'python')).toEqual([
      'error invalid-file tasks[0].file: a python task runs a .py file, not "generated/sql/a.sql"',
    ]);
  });

  it('reports settings that are out of range', () => {
    const diagnostics = validateBundleInput(project, [
      job({
        maxRetries: -2,
        minRetryIntervalMillis: 1.5,
        timeoutSeconds: -1,
        maxConcurrentRuns: 1001,
        durationWarningSeconds: 0,
      }),
    ]);
    expect(diagnostics.map(d => d.field)).toEqual([
      'durationWarningSeconds',
      'maxRetries',
      'minRetryIntervalMillis',
      'timeoutSeconds',
      'maxConcurrentRuns',
    ]);
  });

  it('warns about settings that would have no effect', () => {
    const diagnostics = validateBundleInput(project, [
      job({
        notifications: { onDurationWarning: ['a@example.com'] },
        tasks: [{ ...sqlTask('a'), parameters: ['--x'] }],
      }),
    ]);
    expect(diagnostics.map(d => [d.severity, d.code, d.field])).toEqual([
      ['warning', 'ignored-setting', 'tasks[0].parameters'],
      ['warning', 'ignored-setting', 'notifications.onDurationWarning'],
    ]);
  });

  it('requires exactly one run-as identity', () => {
    const both = { userName: 'a@example.com', servicePrincipalName: 'sp' };
    expect(
      summary(
        validateBundleInput(project, [
          job({ runAs: both as unknown as BundleJob['runAs'] }),
        ]),
      ),
    ).toEqual([
      'error invalid-input runAs: runAs needs exactly one of userName and servicePrincipalName',
    ]);
  });

  it('enforces the Jobs API limit of 25 tags, counting its own', () => {
    const tags = Object.fromEntries(
      Array.from({ length: 22 }, (_, i) => [`tag${i}`, 'x']),
    );
    expect(summary(validateBundleInput(project, [job({ tags })]))).toEqual([
      "error invalid-input tags: a job has at most 25 tags; with Meshwork's 4 cost-attribution tags this one would have 26",
    ]);
  });

  it('reports missing project settings', () => {
    const broken = {
      name: '',
      targets: {
        dev: { catalog: 'c' },
        prod: { catalog: 'c', schema: 's', host: 'http://x' },
      },
    } as unknown as BundleProject;
    expect(summary(validateBundleInput(broken, [job()]))).toEqual([
      'error invalid-input name: the project needs a name',
      'error invalid-input owner: the project needs an owning team',
      'error invalid-input targets.dev.schema: the dev target needs a schema',
      'error invalid-input targets.prod.host: the prod host must be an https:// workspace URL',
    ]);
  });

  it.each([
    null,
    undefined,
    42,
    'jobs',
    [null],
    [{ name: 'x', tasks: 'nope' }],
    [{ name: 'x', tasks: [null, { key: 1 }, { key: 'k', dependsOn: 'a' }] }],
    [{ name: 'x', tasks: [{ key: 'k', dependsOn: [] }], schedule: 'daily' }],
    [{ name: 'x', tasks: [{ key: 'k', dependsOn: [] }], tags: [] }],
  ])('reports malformed jobs %j without throwing', jobs => {
    const diagnostics = validateBundleInput(
      null as unknown as BundleProject,
      jobs as unknown as BundleJob[],
    );
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics.every(d => d.severity === 'error')).toBe(true);
  });
});

describe('isValidTimeZoneId', () => {
  it.each([
    'Europe/Amsterdam',
    'UTC',
    'America/Argentina/Buenos_Aires',
    'US/Eastern',
    'Etc/GMT+1',
  ])('accepts %j', id => expect(isValidTimeZoneId(id)).toBe(true));

  it.each([
    '',
    'Europe/Amsterdan',
    'europe/amsterdam',
    '+01:00',
    'CEST plus',
    'Mars/Olympus',
  ])('rejects %j', id => expect(isValidTimeZoneId(id)).toBe(false));
});
