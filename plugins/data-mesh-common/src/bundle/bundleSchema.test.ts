// Ajv is only a dev dependency of this isomorphic package: an independent
// second opinion on the schemas and on the package's own small validator.
import Ajv from 'ajv';
import type { JsonObject, JsonValue } from '@backstage/types';
import { parse, stringify } from 'yaml';
import { helloWorldJobs, helloWorldProject } from './__fixtures__/helloWorld';
import { databricksYmlSchema, jobResourceFileSchema } from './bundleSchema';
import { generateBundle } from './generateBundle';
import { SUPPORTED_KEYWORDS, validateJsonSchema } from './jsonSchema';
import type { BundleFile } from './model';
import { validateBundleFiles } from './validateBundle';

const { files } = generateBundle(helloWorldProject, helloWorldJobs);
const jobFile = files.find(f => f.path === 'resources/daily_summary.job.yml')!;
const rootFile = files.find(f => f.path === 'databricks.yml')!;

/** Parses a generated file, lets `change` edit it, and writes it back. */
function edit(file: BundleFile, change: (doc: any) => void): BundleFile {
  const doc = parse(file.content);
  change(doc);
  return { path: file.path, content: stringify(doc) };
}

const task = (doc: any, index = 0) =>
  doc.resources.jobs.daily_summary.tasks[index];

describe('bundle schemas', () => {
  it('accept every generated file', () => {
    expect(validateBundleFiles(files)).toEqual([]);
  });

  it('reject a misspelt field', () => {
    const misspelt = edit(jobFile, doc => {
      const file = task(doc).sql_task.file;
      file.paths = file.path;
      delete file.path;
    });
    expect(validateBundleFiles([rootFile, misspelt])).toEqual([
      {
        path: 'resources/daily_summary.job.yml',
        instancePath: '/resources/jobs/daily_summary/tasks/0/sql_task/file',
        message: 'must have required property "path"',
      },
      {
        path: 'resources/daily_summary.job.yml',
        instancePath: '/resources/jobs/daily_summary/tasks/0/sql_task/file',
        message: 'must NOT have additional property "paths"',
      },
    ]);
  });

  it('reject a field at the wrong level', () => {
    // `file.path` flattened into the sql_task, as an easy slip would do.
    const flattened = edit(jobFile, doc => {
      const sqlTask = task(doc).sql_task;
      sqlTask.path = sqlTask.file.path;
      delete sqlTask.file;
    });
    expect(
      validateBundleFiles([rootFile, flattened]).map(p => p.message),
    ).toEqual([
      'must have required property "file"',
      'must NOT have additional property "path"',
    ]);

    // A job setting written at the task level.
    const misplaced = edit(jobFile, doc => {
      task(doc).timezone_id = 'UTC';
    });
    expect(validateBundleFiles([rootFile, misplaced])).toEqual([
      expect.objectContaining({
        instancePath: '/resources/jobs/daily_summary/tasks/0',
        message: 'must NOT have additional property "timezone_id"',
      }),
    ]);
  });

  it('reject wrong values', () => {
    const wrong = edit(jobFile, doc => {
      const job = doc.resources.jobs.daily_summary;
      job.schedule.pause_status = 'STOPPED';
      job.max_concurrent_runs = '1';
      job.health.rules[0].op = 'LESS_THAN';
      task(doc).sql_task.file.path = 'generated/sql/ComputeSales.sql';
    });
    expect(
      validateBundleFiles([rootFile, wrong]).map(p => p.instancePath),
    ).toEqual([
      '/resources/jobs/daily_summary/schedule/pause_status',
      '/resources/jobs/daily_summary/health/rules/0/op',
      '/resources/jobs/daily_summary/max_concurrent_runs',
      '/resources/jobs/daily_summary/tasks/0/sql_task/file/path',
    ]);
  });

  it('reject a task with two task types, or a Python task without an environment', () => {
    const both = edit(jobFile, doc => {
      task(doc).spark_python_task = { python_file: '../x.py' };
      task(doc).environment_key = 'default';
    });
    expect(validateBundleFiles([rootFile, both]).map(p => p.message)).toEqual([
      'must match exactly one schema in oneOf (matched 2)',
    ]);
    const noEnvironment = edit(jobFile, doc => {
      delete task(doc, 2).environment_key;
    });
    expect(
      validateBundleFiles([rootFile, noEnvironment]).map(p => p.message),
    ).toEqual(['must match exactly one schema in oneOf (matched 0)']);
  });

  it('reject references to later tasks and undeclared environments', () => {
    const broken = edit(jobFile, doc => {
      const tasks = doc.resources.jobs.daily_summary.tasks;
      tasks.push(tasks.shift());
      delete doc.resources.jobs.daily_summary.environments;
    });
    expect(
      validateBundleFiles([rootFile, broken]).map(p => [
        p.instancePath,
        p.message,
      ]),
    ).toEqual([
      [
        '/resources/jobs/daily_summary/tasks/0/depends_on',
        'depends on "join_customers_redo", which is not an earlier task of the job',
      ],
      [
        '/resources/jobs/daily_summary/tasks/1/environment_key',
        'environment "default" is not declared in the job\'s environments',
      ],
      [
        '/resources/jobs/daily_summary/tasks/2/depends_on',
        'depends on "join_customers_redo", which is not an earlier task of the job',
      ],
    ]);
  });

  it('reject a databricks.yml target in the wrong mode or with a misspelt field', () => {
    const wrongMode = edit(rootFile, doc => {
      doc.targets.prod.mode = 'development';
      doc.targets.dev.workspace.hots = doc.targets.dev.workspace.host;
    });
    expect(validateBundleFiles([wrongMode])).toEqual([
      {
        path: 'databricks.yml',
        instancePath: '/targets/dev/workspace',
        message: 'must NOT have additional property "hots"',
      },
      {
        path: 'databricks.yml',
        instancePath: '/targets/prod/mode',
        message: 'must be "production"',
      },
    ]);
  });

  it('report files outside the bundle, YAML errors and a missing databricks.yml', () => {
    expect(
      validateBundleFiles([
        { path: 'jobs/x.job.yml', content: 'resources: {}' },
        { path: 'resources/x.job.yml', content: 'resources: [' },
      ]).map(p => p.path),
    ).toEqual(['databricks.yml', 'jobs/x.job.yml', 'resources/x.job.yml']);
  });

  it('use only keywords that the package validator implements', () => {
    const keywordsIn = (schema: JsonValue, out = new Set<string>()) => {
      if (schema && typeof schema === 'object' && !Array.isArray(schema)) {
        for (const [keyword, value] of Object.entries(schema)) {
          out.add(keyword);
          const children =
            keyword === 'properties' ||
            keyword === 'patternProperties' ||
            keyword === 'definitions'
              ? (Object.values(value as JsonObject) as JsonValue[])
              : ([] as JsonValue[]).concat(value as JsonValue);
          children.forEach(child => keywordsIn(child, out));
        }
      }
      return out;
    };
    for (const schema of [databricksYmlSchema, jobResourceFileSchema]) {
      const unsupported = [...keywordsIn(schema)].filter(
        k => !SUPPORTED_KEYWORDS.has(k),
      );
      expect(unsupported).toEqual([]);
    }
  });

  describe('agree with Ajv', () => {
    // strictRequired would reject the oneOf branches that only name a required key.
    const ajv = new Ajv({
      allErrors: true,
      strict: true,
      strictTypes: false,
      strictRequired: false,
    });
    const cases: Array<[string, JsonObject, unknown]> = [
      ['databricks.yml', databricksYmlSchema, parse(rootFile.content)],
      ...files
        .filter(f => f.path.startsWith('resources/'))
        .map(
          f =>
            [f.path, jobResourceFileSchema, parse(f.content)] as [
              string,
              JsonObject,
              unknown,
            ],
        ),
    ];

    it.each(cases)('on %s', (_path, schema, document) => {
      const check = ajv.compile(schema);
      expect(check(document)).toBe(true);
      expect(validateJsonSchema(schema, document)).toEqual([]);
    });

    it('on broken documents', () => {
      const check = ajv.compile(jobResourceFileSchema);
      const breakages: Array<(doc: any) => void> = [
        doc => (task(doc).sql_task.file.paths = 'x'),
        doc => delete task(doc).task_key,
        doc => (task(doc).task_key = 'has space'),
        doc => (task(doc).depends_on = []),
        doc => (doc.resources.jobs.daily_summary.tags.cost_center = 3),
        doc => (doc.resources.jobs.daily_summary.run_as.user_name = 'a@b.c'),
        doc => (doc.resources.jobs.DailySummary = {}),
        doc =>
          (doc.resources.jobs.daily_summary.environments[0].spec.client = '1'),
        doc => (doc.resources.jobs.daily_summary.email_notifications = {}),
        doc => (task(doc).max_retries = 1.5),
      ];
      for (const breakage of breakages) {
        const doc = parse(jobFile.content);
        breakage(doc);
        expect(check(doc)).toBe(false);
        expect(
          validateJsonSchema(jobResourceFileSchema, doc).length,
        ).toBeGreaterThan(0);
      }
    });
  });
});
