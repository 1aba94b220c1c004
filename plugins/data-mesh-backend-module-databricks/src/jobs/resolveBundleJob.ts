import path from 'node:path';
import {
  validateBundleFiles,
  type BundleFile,
} from '@meshwork/data-mesh-common';
import { parseDocument } from 'yaml';
import type { JobSettings, JobTask } from './types';

/**
 * Turns one job of a generated Databricks Asset Bundle into the Jobs API 2.2
 * settings for a target, the way `databricks bundle deploy` would:
 *
 * - `${var.<name>}` takes the first of: the caller's `variables`, the
 *   target's `variables`, the variable's `default`. A variable with none of
 *   them, or one that is not declared, is a problem.
 * - `${bundle.name}`, `${bundle.target}`, `${workspace.root_path}`,
 *   `${workspace.file_path}`, `${workspace.host}`,
 *   `${workspace.current_user.userName}` and
 *   `${workspace.current_user.short_name}` resolve too; any other `${...}` is
 *   a problem. Databricks' own `{{job.*}}` references pass through.
 * - `workspace.root_path` defaults to
 *   `/Workspace/Users/<user>/.bundle/<bundle>/<target>` and `file_path` to
 *   `<root_path>/files`. Relative paths of task files
 *   (`sql_task.file.path`, `spark_python_task.python_file`) are relative to
 *   the resource file, and become `<file_path>/<path from the bundle root>`;
 *   those files are what the deployer uploads.
 * - A `mode: development` target gets the CLI's development presets: the name
 *   is prefixed `[dev <short_name>]`, the job tagged `dev: <short_name>`, a
 *   schedule not explicitly `UNPAUSED` is paused, and an unset
 *   `max_concurrent_runs` becomes 4.
 * - The job is tagged `meshwork_deployment: <bundle>/<target>/<job key>`, which
 *   is how a later deploy finds it again.
 */

/** @public */
export type BundleDeployProblemCode =
  /** A bundle file does not parse or does not match Meshwork's bundle schema. */
  | 'invalid-bundle'
  /** No resource file defines the job key. */
  | 'unknown-job'
  /** `databricks.yml` has no such target. */
  | 'unknown-target'
  /** A `${...}` reference that cannot be resolved. */
  | 'unresolved-reference'
  /** A task file that is outside the bundle or not among the bundle's files. */
  | 'missing-file'
  /** The deployment needs the current user's name (default root path, development mode). */
  | 'current-user-required';

/** @public */
export interface BundleDeployProblem {
  code: BundleDeployProblemCode;
  message: string;
  /** The bundle file concerned, relative to the bundle root. */
  file?: string;
  /** Dotted path of the offending field inside the file. */
  field?: string;
}

/** @public */
export interface WorkspaceUpload {
  /** Absolute workspace path, e.g. `/Workspace/Shared/.bundle/x/prod/files/generated/sql/a.sql`. */
  workspacePath: string;
  /** The file in the bundle, relative to the bundle root. */
  bundlePath: string;
  content: string;
}

/** @public */
export interface ResolvedBundleJob {
  settings: JobSettings;
  /** The files the job's tasks run, to upload before creating the job. */
  uploads: WorkspaceUpload[];
  /** Value of the `meshwork_deployment` tag. */
  deploymentId: string;
  rootPath: string;
  filePath: string;
}

/** @public */
export interface ResolveBundleJobOptions {
  /** `databricks.yml`, `resources/*.yml` and the generated files the tasks run. */
  files: BundleFile[];
  jobKey: string;
  target: 'dev' | 'prod';
  /** Overrides of bundle variables, like the CLI's `--var`. */
  variables?: Record<string, string>;
  /** The deploying identity's user name (SCIM `userName`). */
  currentUser?: string;
}

/** The tag that identifies a deployed job across deploys. */
export const DEPLOYMENT_TAG = 'meshwork_deployment';

/** The Databricks CLI's concurrency for jobs of a development target. */
const DEVELOPMENT_CONCURRENT_RUNS = 4;

const REFERENCE = /\$\{([^}]*)\}/g;

const isObject = (value: unknown): value is Record<string, any> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The CLI's short name: the local part of an e-mail user name, as an identifier. */
export function shortUserName(userName: string): string {
  return userName
    .split('@')[0]
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_');
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob
    .split('*')
    .map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]*');
  return new RegExp(`^${escaped}$`);
}

function parseYaml(
  file: BundleFile,
  problems: BundleDeployProblem[],
): Record<string, any> | undefined {
  const document = parseDocument(file.content);
  if (document.errors.length > 0) {
    problems.push(
      ...document.errors.map(e => ({
        code: 'invalid-bundle' as const,
        file: file.path,
        message: e.message,
      })),
    );
    return undefined;
  }
  const value = document.toJS();
  return isObject(value) ? value : {};
}

/**
 * Resolves one job of a bundle for a target. Never throws for bad input: with
 * any problem, `job` is undefined.
 *
 * @public
 */
export function resolveBundleJob(options: ResolveBundleJobOptions): {
  job?: ResolvedBundleJob;
  problems: BundleDeployProblem[];
} {
  const problems: BundleDeployProblem[] = [];
  const fail = () => ({ problems });
  const byPath = new Map(options.files.map(f => [f.path, f]));

  const root = byPath.get('databricks.yml');
  if (!root) {
    problems.push({
      code: 'invalid-bundle',
      file: 'databricks.yml',
      message: 'the bundle has no databricks.yml',
    });
    return fail();
  }
  const config = parseYaml(root, problems);
  if (!config) {
    return fail();
  }
  const includes: RegExp[] = (
    Array.isArray(config.include) ? config.include : []
  )
    .filter((glob: unknown): glob is string => typeof glob === 'string')
    .map(globToRegExp);
  const resourceFiles = options.files.filter(f =>
    includes.some(pattern => pattern.test(f.path)),
  );

  // Only what a deploy reads is checked: the generated files are not bundle
  // configuration, and other jobs' files are not this deploy's business.
  const configProblems = validateBundleFiles([root, ...resourceFiles]);
  problems.push(
    ...configProblems.map(p => ({
      code: 'invalid-bundle' as const,
      file: p.path,
      field: p.instancePath.replace(/^\//, '').replace(/\//g, '.') || undefined,
      message: p.message,
    })),
  );
  if (problems.length > 0) {
    return fail();
  }

  let resource: { file: BundleFile; settings: Record<string, any> } | undefined;
  for (const file of resourceFiles) {
    const parsed = parseYaml(file, problems);
    const settings = parsed?.resources?.jobs?.[options.jobKey];
    if (isObject(settings)) {
      resource = { file, settings };
      break;
    }
  }
  if (!resource) {
    problems.push({
      code: 'unknown-job',
      message: `no resource file defines the job "${options.jobKey}"`,
    });
    return fail();
  }

  const bundleName: string = config.bundle?.name;
  const target = config.targets?.[options.target];
  if (!isObject(target)) {
    problems.push({
      code: 'unknown-target',
      file: 'databricks.yml',
      field: `targets.${options.target}`,
      message: `databricks.yml has no target "${options.target}"`,
    });
    return fail();
  }
  const development = target.mode === 'development';
  const workspace = { ...config.workspace, ...target.workspace };

  const needsUser =
    development ||
    workspace.root_path === undefined ||
    JSON.stringify([workspace, resource.settings]).includes(
      '${workspace.current_user.',
    );
  if (needsUser && !options.currentUser) {
    problems.push({
      code: 'current-user-required',
      message:
        'deploying this target needs the name of the deploying user (for the default root path or development mode)',
    });
    return fail();
  }
  const userName = options.currentUser ?? '';
  const shortName = shortUserName(userName);

  const declared: Record<string, any> = isObject(config.variables)
    ? config.variables
    : {};
  const overrides: Record<string, any> = isObject(target.variables)
    ? target.variables
    : {};
  for (const name of Object.keys(options.variables ?? {})) {
    if (!(name in declared)) {
      problems.push({
        code: 'unresolved-reference',
        field: `variables.${name}`,
        message: `variable "${name}" is given but databricks.yml does not declare it`,
      });
    }
  }

  const values = new Map<string, () => string | undefined>();
  const rootPath = () =>
    workspace.root_path ??
    `/Workspace/Users/${userName}/.bundle/${bundleName}/${options.target}`;
  values.set('bundle.name', () => bundleName);
  values.set('bundle.target', () => options.target);
  values.set('workspace.host', () => workspace.host);
  values.set('workspace.current_user.userName', () => userName);
  values.set('workspace.current_user.short_name', () => shortName);
  values.set('workspace.root_path', rootPath);
  values.set(
    'workspace.file_path',
    () => workspace.file_path ?? '${workspace.root_path}/files',
  );
  for (const [name, declaration] of Object.entries(declared)) {
    values.set(`var.${name}`, () => {
      const value =
        options.variables?.[name] ??
        overrides[name] ??
        (isObject(declaration) ? declaration.default : undefined);
      return value === undefined ? undefined : String(value);
    });
  }

  const resolveString = (
    text: string,
    where: { file: string; field: string },
    seen: string[] = [],
  ): string =>
    text.replace(REFERENCE, (whole, name: string) => {
      const lookup = values.get(name.trim());
      const value = lookup?.();
      if (value === undefined) {
        problems.push({
          code: 'unresolved-reference',
          ...where,
          message: lookup
            ? `${whole} has no value for target "${options.target}": set it in targets.${options.target}.variables, give it a default, or pass it`
            : `${whole} is not a reference Meshwork resolves`,
        });
        return whole;
      }
      if (seen.includes(name)) {
        problems.push({
          code: 'unresolved-reference',
          ...where,
          message: `${whole} refers to itself`,
        });
        return whole;
      }
      return resolveString(value, where, [...seen, name]);
    });

  const resolveDeep = (value: unknown, file: string, field: string): any => {
    if (typeof value === 'string') {
      return resolveString(value, { file, field });
    }
    if (Array.isArray(value)) {
      return value.map((v, i) => resolveDeep(v, file, `${field}.${i}`));
    }
    if (isObject(value)) {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [
          k,
          resolveDeep(v, file, field ? `${field}.${k}` : k),
        ]),
      );
    }
    return value;
  };

  const where = {
    file: 'databricks.yml',
    field: `targets.${options.target}.workspace`,
  };
  const resolvedRoot = resolveString(rootPath(), where).replace(/\/+$/, '');
  const resolvedFiles = resolveString(
    values.get('workspace.file_path')!()!,
    where,
  ).replace(/\/+$/, '');
  const settings = resolveDeep(
    resource.settings,
    resource.file.path,
    `resources.jobs.${options.jobKey}`,
  ) as JobSettings;

  const uploads = new Map<string, WorkspaceUpload>();
  const resourceDir = path.posix.dirname(resource.file.path);
  const toWorkspace = (file: string, field: string): string => {
    // Absolute paths name workspace objects that are deployed some other way.
    if (file.startsWith('/') || /^[a-z]+:\/\//i.test(file)) {
      return file;
    }
    const bundlePath = path.posix.normalize(path.posix.join(resourceDir, file));
    if (bundlePath.startsWith('../') || bundlePath === '..') {
      problems.push({
        code: 'missing-file',
        file: resource!.file.path,
        field,
        message: `${file} is outside the bundle`,
      });
      return file;
    }
    const content = byPath.get(bundlePath)?.content;
    if (content === undefined) {
      problems.push({
        code: 'missing-file',
        file: resource!.file.path,
        field,
        message: `${file} refers to ${bundlePath}, which is not among the bundle's files`,
      });
      return file;
    }
    if (/^(#|--) Databricks notebook source/.test(content)) {
      // The Workspace API would import it as a notebook and drop the extension,
      // and the task's path would then name nothing.
      problems.push({
        code: 'missing-file',
        file: resource!.file.path,
        field,
        message: `${bundlePath} is a notebook export; tasks run plain files`,
      });
      return file;
    }
    const workspacePath = `${resolvedFiles}/${bundlePath}`;
    uploads.set(workspacePath, { workspacePath, bundlePath, content });
    return workspacePath;
  };

  const base = `resources.jobs.${options.jobKey}`;
  settings.tasks = (settings.tasks ?? []).map((task: JobTask, index) => {
    const field = `${base}.tasks.${index}`;
    const resolved = { ...task };
    if (task.sql_task?.file && task.sql_task.file.source !== 'GIT') {
      resolved.sql_task = {
        ...task.sql_task,
        file: {
          ...task.sql_task.file,
          path: toWorkspace(
            task.sql_task.file.path,
            `${field}.sql_task.file.path`,
          ),
        },
      };
    }
    if (task.spark_python_task && task.spark_python_task.source !== 'GIT') {
      resolved.spark_python_task = {
        ...task.spark_python_task,
        python_file: toWorkspace(
          task.spark_python_task.python_file,
          `${field}.spark_python_task.python_file`,
        ),
      };
    }
    return resolved;
  });

  const deploymentId = `${bundleName}/${options.target}/${options.jobKey}`;
  settings.tags = { ...settings.tags, [DEPLOYMENT_TAG]: deploymentId };
  if (development) {
    settings.name = `[dev ${shortName}] ${settings.name}`;
    settings.tags.dev = shortName;
    if (settings.schedule && settings.schedule.pause_status !== 'UNPAUSED') {
      settings.schedule.pause_status = 'PAUSED';
    }
    settings.max_concurrent_runs ??= DEVELOPMENT_CONCURRENT_RUNS;
  }

  if (problems.length > 0) {
    return fail();
  }
  return {
    job: {
      settings,
      uploads: [...uploads.values()],
      deploymentId,
      rootPath: resolvedRoot,
      filePath: resolvedFiles,
    },
    problems,
  };
}
