import fc from 'fast-check';
import { parse } from 'yaml';
import { generateBundle } from './generateBundle';
import type { BundleJob, BundleProject, BundleTask } from './model';
import { validateBundleFiles } from './validateBundle';

/** Runs stay small so the suite stays fast; set FUZZ_RUNS to fuzz harder. */
const RUNS = { numRuns: Number(process.env.FUZZ_RUNS ?? 300) };

const name = fc.oneof(
  fc.constantFrom('DailySummary', 'Job Test', 'Join-customers-redo', 'a', 'A'),
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9 _-]{0,15}$/),
);

const schedule = fc.record({
  quartzCron: fc.constantFrom(
    '0 0 6 * * ?',
    '0 30 7 ? * MON-FRI',
    '0 0/15 * * * ? 2030',
    '0 0 1 L * ?',
  ),
  timezone: fc.constantFrom('Europe/Amsterdam', 'UTC', 'America/New_York'),
  paused: fc.boolean(),
});

// Built once: building a stringMatching arbitrary is slow, so not inside chain().
const fileStem = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,10}$/);
const parameters = fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 });

/** Valid tasks: unique keys, each depending only on earlier ones. */
const tasks: fc.Arbitrary<BundleTask[]> = fc
  .uniqueArray(name, { minLength: 1, maxLength: 6 })
  .chain(keys =>
    fc.tuple(
      ...keys.map((key, index) =>
        fc.record(
          {
            key: fc.constant(key),
            pipeline: name,
            dependsOn: fc.subarray(keys.slice(0, index)),
            kind: fc.constantFrom<BundleTask['kind']>('sql', 'python'),
            file: fileStem,
            parameters,
          },
          { requiredKeys: ['key', 'pipeline', 'dependsOn', 'kind', 'file'] },
        ),
      ),
    ),
  )
  .map(list =>
    list.map(task => ({
      ...task,
      file:
        task.kind === 'sql'
          ? `generated/sql/${task.file}.sql`
          : `generated/python/${task.file}.py`,
      parameters: task.kind === 'python' ? task.parameters : undefined,
    })),
  );

const validJob: fc.Arbitrary<BundleJob> = fc.record(
  {
    name,
    tasks,
    schedule,
    notifications: fc.record(
      {
        onFailure: fc.array(fc.emailAddress(), { maxLength: 2 }),
        onSuccess: fc.array(fc.emailAddress(), { maxLength: 2 }),
      },
      { requiredKeys: [] },
    ),
    maxRetries: fc.integer({ min: -1, max: 5 }),
    minRetryIntervalMillis: fc.nat(),
    timeoutSeconds: fc.nat(),
    maxConcurrentRuns: fc.integer({ min: 0, max: 1000 }),
    tags: fc.dictionary(
      fc.stringMatching(/^[a-z][a-z_]{0,11}$/),
      fc.string({ maxLength: 8 }),
      { maxKeys: 15 },
    ),
    runAs: fc.oneof(
      fc.record({ userName: fc.emailAddress() }),
      fc.record({ servicePrincipalName: fc.uuid() }),
    ),
  },
  { requiredKeys: ['name', 'tasks'] },
);

/** Mutations that each make a valid job invalid in one way. */
const breakages: Array<(job: BundleJob) => BundleJob> = [
  job => ({ ...job, tasks: [] }),
  job => ({
    ...job,
    tasks: job.tasks.map((t, i) =>
      i === 0 ? { ...t, dependsOn: ['ghost'] } : t,
    ),
  }),
  job => {
    // The first and the last task depend on each other (or, alone, on itself).
    const first = job.tasks[0].key;
    const last = job.tasks[job.tasks.length - 1].key;
    return {
      ...job,
      tasks: job.tasks.map((t, i) => ({
        ...t,
        dependsOn: [
          ...t.dependsOn,
          ...(i === 0 ? [last] : []),
          ...(i === job.tasks.length - 1 ? [first] : []),
        ],
      })),
    };
  },
  job => ({ ...job, tasks: [...job.tasks, job.tasks[0]] }),
  job => ({
    ...job,
    schedule: { quartzCron: '0 0 6 * * *', timezone: 'UTC', paused: false },
  }),
  job => ({
    ...job,
    schedule: {
      quartzCron: '0 0 6 * * ?',
      timezone: 'Mars/Base',
      paused: false,
    },
  }),
  job => ({
    ...job,
    tasks: job.tasks.map(t => ({ ...t, file: `/abs/${t.file}` })),
  }),
  job => ({ ...job, maxConcurrentRuns: -1 }),
];

/** Mostly valid jobs, so that most runs reach the generated files. */
const job = fc
  .tuple(
    validJob,
    fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 4 },
      { arbitrary: fc.constantFrom(...breakages), weight: 1 },
    ),
  )
  .map(([valid, breakage]) => (breakage ? breakage(valid) : valid));

const project: fc.Arbitrary<BundleProject> = fc.record({
  name,
  owner: name,
  domain: name,
  targets: fc.record({
    dev: fc.record({ catalog: name, schema: name }),
    prod: fc.record(
      {
        catalog: name,
        schema: name,
        host: fc.constant('https://adb-1.azuredatabricks.net'),
        warehouseId: name,
        rootPath: fc.constant('/Workspace/Shared/.bundle/x'),
      },
      { requiredKeys: ['catalog', 'schema'] },
    ),
  }),
});

describe('generateBundle on generated input', () => {
  it('never throws, and whatever it emits is a valid bundle', () => {
    let generated = 0;
    fc.assert(
      fc.property(
        project,
        fc.uniqueArray(job, { maxLength: 3, selector: j => j.name }),
        (p, jobs) => {
          const { files, diagnostics } = generateBundle(p, jobs);
          for (const d of diagnostics) {
            expect(typeof d.message).toBe('string');
            expect(['error', 'warning']).toContain(d.severity);
          }
          // Files come out exactly when there are no errors.
          const failed = diagnostics.some(d => d.severity === 'error');
          expect(files.length > 0).toBe(!failed);
          if (failed) {
            return;
          }
          generated++;
          expect(validateBundleFiles(files)).toEqual([]);
          expect(generateBundle(p, jobs).files).toEqual(files);
          expect(files).toHaveLength(jobs.length + 1);
          for (const file of files.filter(f => f.path !== 'databricks.yml')) {
            const resources = parse(file.content).resources.jobs;
            for (const settings of Object.values<any>(resources)) {
              const keys = settings.tasks.map((t: any) => t.task_key);
              expect(new Set(keys).size).toBe(keys.length);
            }
          }
        },
      ),
      RUNS,
    );
    // Guard against generators so wild that no run reaches the output.
    expect(generated).toBeGreaterThan(RUNS.numRuns / 10);
  });

  it('reports every breakage as an error', () => {
    fc.assert(
      fc.property(
        project,
        validJob,
        fc.constantFrom(...breakages),
        (p, valid, breakage) => {
          const { files, diagnostics } = generateBundle(p, [breakage(valid)]);
          expect(files).toEqual([]);
          expect(diagnostics.some(d => d.severity === 'error')).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('never throws on input of the wrong shape', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (p, jobs) => {
        const { files, diagnostics } = generateBundle(
          p as BundleProject,
          jobs as BundleJob[],
        );
        expect(files).toEqual([]);
        expect(diagnostics.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });
});
