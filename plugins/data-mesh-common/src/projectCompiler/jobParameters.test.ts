import { parse as parseYaml } from 'yaml';
import { validateBundleFiles } from '../bundle';
import { compileProject } from './compileProject';
import { helloWorldFiles } from './__testUtils__/projects';
import { jobRunParameters, jobTaskParameterValues } from './jobParameters';
import { loadProject } from './loadProject';

const JOB = 'jobs/DailySummary.job.yaml';
const TASK = `    parameters:
      as_of_date: "{{job.parameters.as_of_date}}"
`;

/** Hello World with the account_lengths task's parameters replaced. */
function withTaskParameters(parameters: string, jobDefault = '2026-06-30') {
  return helloWorldFiles().map(file => {
    if (file.path !== JOB) return file;
    if (!file.text.includes(TASK))
      throw new Error(`no task parameters in ${JOB}`);
    return {
      ...file,
      text: file.text
        .replace(TASK, parameters)
        .replace('default: 2026-06-30', `default: ${jobDefault}`),
    };
  });
}

/** The job file's errors as `line:column message`. */
function jobErrors(files: ReturnType<typeof helloWorldFiles>): string[] {
  return loadProject(files)
    .diagnostics.filter(d => d.file === JOB && d.severity === 'error')
    .map(d => `${d.line}:${d.column} ${d.code}: ${d.message}`);
}

describe('job task parameters', () => {
  it('Hello World passes the job parameter to its pipeline', () => {
    const { files, diagnostics } = compileProject(helloWorldFiles());
    expect(diagnostics.filter(d => d.severity === 'error')).toEqual([]);
    const job = files.find(f => f.path === 'resources/daily_summary.job.yml')!;
    const settings = parseYaml(job.content).resources.jobs.daily_summary;
    expect(settings.parameters).toEqual([
      { name: 'as_of_date', default: '2026-06-30' },
    ]);
    const task = settings.tasks.find(
      (t: { task_key: string }) => t.task_key === 'account_lengths',
    );
    expect(task.sql_task.parameters).toEqual({
      catalog: '${var.catalog}',
      schema: '${var.schema}',
      as_of_date: '{{job.parameters.as_of_date}}',
    });
    // A YAML 1.1 reader must not take the default for a timestamp.
    expect(job.content).toContain("default: '2026-06-30'");
    const bundle = files.filter(
      f => f.path === 'databricks.yml' || f.path.startsWith('resources/'),
    );
    expect(validateBundleFiles(bundle)).toEqual([]);
  });

  it('passes pipeline parameters to a Python task as arguments', () => {
    const files = helloWorldFiles().map(f =>
      f.path === 'meshwork.yaml'
        ? {
            ...f,
            text: f.text.replace(
              /defaultDialect: \w+/,
              'defaultDialect: pyspark',
            ),
          }
        : f,
    );
    const { files: generated } = compileProject(files);
    const job = generated.find(f => f.path === 'resources/job_test.job.yml')!;
    const [task] = parseYaml(job.content).resources.jobs.job_test.tasks;
    expect(task.spark_python_task.parameters).toEqual([
      '--catalog',
      '${var.catalog}',
      '--schema',
      '${var.schema}',
      '--as_of_date',
      '2026-06-30',
    ]);
    const bundle = generated.filter(
      f => f.path === 'databricks.yml' || f.path.startsWith('resources/'),
    );
    expect(validateBundleFiles(bundle)).toEqual([]);
  });

  it.each([
    [
      'an unknown parameter name',
      `    parameters:\n      as_of: 2026-01-01\n`,
      [
        '14:14 invalid-parameter: pipeline "account_length_days" has no parameter "as_of"; its parameters: as_of_date',
      ],
    ],
    [
      'a literal of the wrong type',
      `    parameters:\n      as_of_date: yesterday\n`,
      [
        '14:19 invalid-parameter: parameter "as_of_date" of pipeline "account_length_days": "yesterday" is not a date (YYYY-MM-DD)',
      ],
    ],
    [
      'an undeclared job parameter',
      `    parameters:\n      as_of_date: "{{job.parameters.as_of}}"\n`,
      [
        '14:19 invalid-parameter: job "DailySummary" has no parameter "as_of"; its parameters: as_of_date',
      ],
    ],
    [
      'a reference that is not one',
      `    parameters:\n      as_of_date: "{{job.as_of_date}}"\n`,
      [
        '14:19 invalid-parameter: "{{job.as_of_date}}" is neither a literal nor a job parameter; write {{job.parameters.<name>}}',
      ],
    ],
  ])('reports %s at the task in the job file', (_, parameters, expected) => {
    expect(jobErrors(withTaskParameters(parameters))).toEqual(expected);
  });

  it('checks a job parameter default against the parameter it is passed to', () => {
    expect(jobErrors(withTaskParameters(TASK, 'today'))).toEqual([
      '14:19 invalid-parameter: parameter "as_of_date" of pipeline "account_length_days" (from job parameter "as_of_date"): "today" is not a date (YYYY-MM-DD)',
    ]);
  });

  it('needs a value for a parameter without a default', () => {
    const files = helloWorldFiles().map(f =>
      f.path === 'pipelines/account_length_days.pipeline.yaml'
        ? { ...f, text: f.text.replace('    default: 2026-06-30\n', '') }
        : f,
    );
    const errors = loadProject(files)
      .diagnostics.filter(d => d.severity === 'error')
      .map(d => `${d.file}:${d.line}:${d.column} ${d.message}`);
    expect(errors).toEqual([
      'jobs/Job-Test.job.yaml:6:15 pipeline "account_length_days" needs a value for parameter "as_of_date", which has no default; pass it under the task\'s parameters',
    ]);
  });

  it('resolves the values of a run: given job parameters, else defaults', () => {
    const loaded = loadProject(helloWorldFiles());
    const job = loaded.jobs.get('DailySummary')!.value;
    const pipeline = loaded.pipelines.get('account_length_days')!.value;
    const run = jobRunParameters(job, { as_of_date: '2026-01-01' });
    expect(run).toEqual({ values: { as_of_date: '2026-01-01' } });
    expect(
      jobTaskParameterValues(
        job,
        'account_lengths',
        pipeline,
        'values' in run ? run.values : {},
      ),
    ).toEqual({ values: { as_of_date: '2026-01-01' } });
    expect(jobTaskParameterValues(job, 'account_lengths', pipeline)).toEqual({
      values: { as_of_date: '2026-06-30' },
    });
    expect(jobRunParameters(job, { nope: '1' })).toEqual({
      error:
        'job "DailySummary" has no parameter "nope"; its parameters: as_of_date',
    });
  });
});
