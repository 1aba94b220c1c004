import { checkParameterValue, ParameterValue } from '../compiler';
import { declareParameters, sameParameter } from '../compiler/parameters';
import type { JobFile, PathSegment, PipelineFile } from '../project';

/** `{{job.parameters.<name>}}`: Databricks' reference to a job parameter. */
const JOB_PARAMETER_REFERENCE =
  /^\{\{\s*job\.parameters\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;

/** The job parameter a task's value refers to, if it is such a reference. */
export function jobParameterReference(
  value: ParameterValue,
): string | undefined {
  return typeof value === 'string'
    ? JOB_PARAMETER_REFERENCE.exec(value)?.[1]
    : undefined;
}

/**
 * The value one pipeline parameter gets in one task of a job.
 *
 * @public
 */
export interface TaskParameterValue {
  /** The pipeline's parameter, as declared. */
  readonly name: string;
  /** The value, checked against the parameter's type, in its canonical text. */
  readonly text: string;
  /** The job parameter the value comes from, when the task refers to one. */
  readonly jobParameter?: string;
}

/** A problem with a task's parameters, at a path in the job file. */
export interface TaskParameterProblem {
  readonly path: PathSegment[];
  readonly message: string;
}

/**
 * The values a task gives its pipeline's parameters, in the pipeline's
 * declaration order: what the task passes (a literal, or a job parameter
 * whose value is `jobValues[name]`, else its default), else the pipeline's
 * default. Problems: a name the pipeline does not declare, a value that
 * does not fit the parameter's type, a reference to an undeclared job
 * parameter, a parameter without a default that gets no value.
 */
export function taskParameters(
  job: JobFile,
  taskIndex: number,
  pipeline: Pick<PipelineFile, 'name' | 'parameters'>,
  jobValues: Readonly<Record<string, ParameterValue>> = {},
): { values: TaskParameterValue[]; problems: TaskParameterProblem[] } {
  const task = job.tasks[taskIndex];
  const at: PathSegment[] = ['tasks', taskIndex];
  const declared = declareParameters(pipeline.parameters).parameters;
  const passed = task.parameters ?? {};
  const problems: TaskParameterProblem[] = [];
  const values: TaskParameterValue[] = [];

  for (const key of Object.keys(passed)) {
    if (!sameParameter(declared, key)) {
      const known = declared.map(p => p.name).join(', ');
      problems.push({
        path: [...at, 'parameters', key],
        message: `pipeline "${
          pipeline.name
        }" has no parameter "${key}"; its parameters: ${known || 'none'}`,
      });
    }
  }
  for (const parameter of declared) {
    const key = Object.keys(passed).find(
      k => k.toLowerCase() === parameter.name.toLowerCase(),
    );
    const path: PathSegment[] =
      key === undefined ? [...at, 'pipeline'] : [...at, 'parameters', key];
    if (key === undefined) {
      if (parameter.default === undefined) {
        problems.push({
          path,
          message: `pipeline "${pipeline.name}" needs a value for parameter "${parameter.name}", which has no default; pass it under the task's parameters`,
        });
      } else {
        values.push({ name: parameter.name, text: parameter.default });
      }
      continue;
    }
    const value = passed[key];
    const reference = jobParameterReference(value);
    if (
      reference === undefined &&
      typeof value === 'string' &&
      value.includes('{{')
    ) {
      problems.push({
        path,
        message: `"${value}" is neither a literal nor a job parameter; write {{job.parameters.<name>}}`,
      });
      continue;
    }
    let given: ParameterValue = value;
    if (reference !== undefined) {
      const jobParameter = job.parameters?.find(p => p.name === reference);
      if (!jobParameter) {
        const known = (job.parameters ?? []).map(p => p.name).join(', ');
        problems.push({
          path,
          message: `job "${
            job.name
          }" has no parameter "${reference}"; its parameters: ${
            known || 'none'
          }`,
        });
        continue;
      }
      given = jobValues[reference] ?? jobParameter.default;
    }
    const checked = checkParameterValue(given, parameter.type);
    if ('problem' in checked) {
      const source =
        reference === undefined ? '' : ` (from job parameter "${reference}")`;
      problems.push({
        path,
        message: `parameter "${parameter.name}" of pipeline "${pipeline.name}"${source}: ${checked.problem}`,
      });
      continue;
    }
    values.push({
      name: parameter.name,
      text: checked.text,
      ...(reference !== undefined && { jobParameter: reference }),
    });
  }
  return { values, problems };
}

/**
 * What a task passes its pipeline's parameters on Databricks: the literal
 * it gives, or a `{{job.parameters.<name>}}` reference for the job to fill
 * in, by parameter name.
 */
export function taskParameterArguments(
  values: readonly TaskParameterValue[],
): Record<string, string> {
  return Object.fromEntries(
    values.map(v => [
      v.name,
      v.jobParameter === undefined
        ? v.text
        : `{{job.parameters.${v.jobParameter}}}`,
    ]),
  );
}

/** Task values by parameter name, as the DuckDB back end takes them. */
export function taskParameterValues(
  values: readonly TaskParameterValue[],
): Record<string, ParameterValue> {
  return Object.fromEntries(values.map(v => [v.name, v.text]));
}

/**
 * The values of a job's parameters for one run: those given (as
 * `meshwork run --param name=value` or a run-now request sets them), the
 * defaults for the rest. Naming a parameter the job does not declare is
 * an error, as Databricks makes it.
 *
 * @public
 */
export function jobRunParameters(
  job: JobFile,
  given: Readonly<Record<string, string>> = {},
): { values: Record<string, ParameterValue> } | { error: string } {
  const declared = job.parameters ?? [];
  const unknown = Object.keys(given).filter(
    name => !declared.some(p => p.name === name),
  );
  if (unknown.length) {
    return {
      error: `job "${job.name}" has no parameter ${unknown
        .map(n => `"${n}"`)
        .join(', ')}; its parameters: ${
        declared.map(p => p.name).join(', ') || 'none'
      }`,
    };
  }
  return {
    values: Object.fromEntries(
      declared.map(p => [p.name, given[p.name] ?? p.default]),
    ),
  };
}

/**
 * The values one task of a job gives its pipeline's parameters in a run
 * with `jobValues` (see {@link jobRunParameters}), by parameter name, or
 * why it cannot run: a value that does not fit its parameter.
 *
 * @public
 */
export function jobTaskParameterValues(
  job: JobFile,
  taskKey: string,
  pipeline: Pick<PipelineFile, 'name' | 'parameters'>,
  jobValues: Readonly<Record<string, ParameterValue>> = {},
): { values: Record<string, ParameterValue> } | { error: string } {
  const index = job.tasks.findIndex(t => t.key === taskKey);
  if (index < 0) return { error: `job "${job.name}" has no task "${taskKey}"` };
  const { values, problems } = taskParameters(job, index, pipeline, jobValues);
  if (problems.length) {
    return {
      error: `task "${taskKey}" of job "${job.name}": ${problems
        .map(p => p.message)
        .join('; ')}`,
    };
  }
  return { values: taskParameterValues(values) };
}
