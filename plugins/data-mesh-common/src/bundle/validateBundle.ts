import type { JsonObject } from '@backstage/types';
import { parseDocument } from 'yaml';
import { databricksYmlSchema, jobResourceFileSchema } from './bundleSchema';
import { validateJsonSchema } from './jsonSchema';
import type { BundleFile } from './model';

/**
 * A problem with one bundle file.
 *
 * @public
 */
export interface BundleFileProblem {
  /** The file, relative to the repository root. */
  path: string;
  /** JSON pointer to the offending value inside the file; `''` for the whole file. */
  instancePath: string;
  message: string;
}

/** The pattern that the generated `include` uses; other files would not be deployed. */
const RESOURCE_FILE = /^resources\/[^/]+\.yml$/;

/**
 * Checks what a JSON schema cannot: that each `depends_on` names an earlier
 * task of the same job, and each `environment_key` a declared environment.
 */
function checkReferences(path: string, file: unknown): BundleFileProblem[] {
  const problems: BundleFileProblem[] = [];
  const jobs =
    (file as { resources?: { jobs?: Record<string, any> } })?.resources?.jobs ??
    {};
  for (const [jobKey, job] of Object.entries(jobs)) {
    const environments = new Set(
      (Array.isArray(job?.environments) ? job.environments : []).map(
        (e: { environment_key?: string }) => e?.environment_key,
      ),
    );
    const earlier = new Set<string>();
    (Array.isArray(job?.tasks) ? job.tasks : []).forEach(
      (task: any, index: number) => {
        const at = `/resources/jobs/${jobKey}/tasks/${index}`;
        for (const dependency of Array.isArray(task?.depends_on)
          ? task.depends_on
          : []) {
          if (!earlier.has(dependency?.task_key)) {
            problems.push({
              path,
              instancePath: `${at}/depends_on`,
              message: `depends on "${dependency?.task_key}", which is not an earlier task of the job`,
            });
          }
        }
        if (
          task?.environment_key !== undefined &&
          !environments.has(task.environment_key)
        ) {
          problems.push({
            path,
            instancePath: `${at}/environment_key`,
            message: `environment "${task.environment_key}" is not declared in the job's environments`,
          });
        }
        earlier.add(task?.task_key);
      },
    );
  }
  return problems;
}

/**
 * Validates generated bundle files: `databricks.yml` against
 * {@link databricksYmlSchema}, each `resources/*.yml` against
 * {@link jobResourceFileSchema} and for references between tasks. Any other
 * path is a problem, since the bundle would not pick it up.
 *
 * @returns every problem found; empty when the bundle is valid.
 * @public
 */
export function validateBundleFiles(files: BundleFile[]): BundleFileProblem[] {
  const problems: BundleFileProblem[] = [];
  if (!files.some(f => f.path === 'databricks.yml')) {
    problems.push({
      path: 'databricks.yml',
      instancePath: '',
      message: 'the bundle has no databricks.yml',
    });
  }
  for (const { path, content } of files) {
    let schema: JsonObject;
    if (path === 'databricks.yml') {
      schema = databricksYmlSchema;
    } else if (RESOURCE_FILE.test(path)) {
      schema = jobResourceFileSchema;
    } else {
      problems.push({
        path,
        instancePath: '',
        message:
          'not a bundle file: expected databricks.yml or resources/*.yml',
      });
      continue;
    }
    const document = parseDocument(content);
    if (document.errors.length > 0) {
      problems.push(
        ...document.errors.map(e => ({
          path,
          instancePath: '',
          message: e.message,
        })),
      );
      continue;
    }
    const value = document.toJS();
    problems.push(
      ...validateJsonSchema(schema, value).map(v => ({ path, ...v })),
    );
    if (schema === jobResourceFileSchema) {
      problems.push(...checkReferences(path, value));
    }
  }
  return problems;
}
