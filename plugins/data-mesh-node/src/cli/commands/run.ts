import {
  compileProjectPipeline,
  jobRunOrder,
  jobRunParameters,
  jobTaskParameterValues,
  loadProject,
  PipelineTarget,
  pipelineTargets,
  targetPreparationStatements,
} from '@meshwork/data-mesh-common';
import { DuckDBConnection } from '@duckdb/node-api';
import { stat } from 'node:fs/promises';
import {
  errorSummary,
  openWarehouse,
  runScript,
} from '../../demo/warehouseFile';
import { parseProjectCommand } from '../args';
import { readProjectFolder } from '../../projects';
import { reportDiagnostics } from '../project/projectFolder';
import { CliCommand, CliIo, CliUsageError } from '../types';
import {
  projectStandards,
  STANDARDS_HELP,
  STANDARDS_OPTION,
} from '../project/projectStandards';

const HELP = `Usage: meshwork run <project> --job <name> --warehouse <file> [options]

Runs a job of a data project locally: compiles each of its pipelines to
DuckDB SQL and runs them on a DuckDB file in the job's dependency order,
each pipeline in one transaction. Schemas of the tables written are created
when missing, and so are the tables of the datasets written (from their
contracts), as the generated Databricks code does; every column is written
with its contract type, or Spark's type where there is no contract. Prints,
per pipeline, the rows in each table it wrote and the time it took. Stops
at the first pipeline that fails.

Arguments:
  <project>           The data project folder

Options:
  --job <name>        The job to run (jobs/<name>.job.yaml)
  --warehouse <file>  The DuckDB file, e.g. one written by 'meshwork seed'
  --param <n>=<v>     Sets job parameter <n> for this run (repeatable); the
                      others keep their defaults. Tasks pass them to their
                      pipelines' parameters as on Databricks.
${STANDARDS_HELP}
  -h, --help          Show this help
`;

/** `--param name=value` options as a map; a malformed one is a usage error. */
function jobParameterOptions(options: readonly string[] = []) {
  const values: Record<string, string> = {};
  for (const option of options) {
    const at = option.indexOf('=');
    if (at <= 0) {
      throw new CliUsageError(`--param takes name=value, not "${option}"`);
    }
    values[option.slice(0, at)] = option.slice(at + 1);
  }
  return values;
}

const numbers = new Intl.NumberFormat('en-US');

async function prepareTargets(
  connection: DuckDBConnection,
  targets: readonly PipelineTarget[],
) {
  for (const statement of targetPreparationStatements(targets, 'duckdb')) {
    await connection.run(statement);
  }
}

async function rowCount(connection: DuckDBConnection, table: string) {
  const reader = await connection.runAndReadAll(
    `SELECT count(*) AS n FROM ${table}`,
  );
  return Number(reader.getRows()[0][0]);
}

async function runJob(args: string[], io: CliIo): Promise<number> {
  const { values, project } = parseProjectCommand(args, {
    job: { type: 'string' },
    warehouse: { type: 'string' },
    param: { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h' },
    ...STANDARDS_OPTION,
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (!values.job) throw new CliUsageError('--job <name> is required');
  if (!values.warehouse) {
    throw new CliUsageError('--warehouse <file> is required');
  }
  const warehouse = values.warehouse;

  const files = await readProjectFolder(project);
  const standards = await projectStandards(files, values.standards, io);
  const loaded = loadProject(files, standards.options);
  if (
    reportDiagnostics(project, loaded.diagnostics, io) + standards.errors >
    0
  ) {
    return 1;
  }
  const order = jobRunOrder(loaded, values.job);
  if ('error' in order) throw new Error(order.error);

  const jobFile = loaded.jobs.get(values.job)!.value;
  const jobValues = jobRunParameters(
    jobFile,
    jobParameterOptions(values.param),
  );
  if ('error' in jobValues) throw new CliUsageError(jobValues.error);

  // Compile every task's pipeline first, with the parameter values the task
  // passes: a project problem stops the job before it has written anything.
  const scripts = new Map<string, string>();
  let errors = 0;
  for (const { task, pipeline } of order.steps) {
    const file = loaded.pipelines.get(pipeline)?.value;
    const parameters = file
      ? jobTaskParameterValues(jobFile, task, file, jobValues.values)
      : { values: {} };
    if ('error' in parameters) throw new Error(parameters.error);
    const compiled = compileProjectPipeline(
      loaded,
      pipeline,
      'duckdb',
      parameters.values,
    );
    errors += reportDiagnostics(project, compiled.diagnostics, io);
    if (compiled.sql !== undefined) scripts.set(task, compiled.sql);
  }
  if (errors > 0) return 1;

  if (!(await stat(warehouse).catch(() => undefined))?.isFile()) {
    throw new Error(
      `${warehouse} does not exist; create it with 'meshwork seed --warehouse ${warehouse}'`,
    );
  }
  const { connection, close } = await openWarehouse(warehouse, {
    readOnly: false,
  });
  try {
    for (const { task, pipeline } of order.steps) {
      const targets = pipelineTargets(loaded, pipeline);
      const started = performance.now();
      const written: string[] = [];
      try {
        await connection.run('BEGIN TRANSACTION');
        await prepareTargets(connection, targets);
        await runScript(connection, scripts.get(task)!);
        await connection.run('COMMIT');
        for (const { table } of targets) {
          const rows = await rowCount(connection, table);
          written.push(`${table} ${numbers.format(rows)} rows`);
        }
      } catch (error) {
        await connection.run('ROLLBACK').catch(() => undefined);
        throw new Error(
          `pipeline ${pipeline} (task ${task}) failed: ${errorSummary(error)}`,
        );
      }
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      io.stdout.write(
        `${pipeline}: ${
          written.join(', ') || 'nothing written'
        } (${seconds} s)\n`,
      );
    }
  } finally {
    close();
  }
  io.stdout.write(
    `Job ${values.job}: ${order.steps.length} pipeline${
      order.steps.length === 1 ? '' : 's'
    } run on ${warehouse}\n`,
  );
  return 0;
}

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'Run a job of a data project locally on a DuckDB warehouse',
  help: HELP,
  run: runJob,
};
