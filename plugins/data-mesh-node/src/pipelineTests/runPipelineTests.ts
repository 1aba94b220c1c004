import type { DuckDBConnection } from '@duckdb/node-api';
import {
  compilePreview,
  CompilerDiagnostic,
  LoadedFile,
  LoadedProject,
  PipelineTestCase,
  quoteIdentifier,
  renderSqlType,
  parseSqlType,
  ScalarValue,
  TestFile,
  testFileSubject,
} from '@meshwork/data-mesh-common';
import { performance } from 'node:perf_hooks';
import { ComparedColumn, diffRows, TestRow } from './compareRows';
import { testQuery, TestInputTable } from './subjectQuery';
import { columnComparison, testValue } from './testValues';
import { PipelineTestResult, RunPipelineTestsOptions } from './types';

const DEFAULT_MEMORY_LIMIT = '512MB';
/** At most this many compile problems are listed in an error's message. */
const MAX_LISTED_PROBLEMS = 3;

/**
 * The instance a test file runs in: in memory, one thread, and reaching
 * nothing outside itself. A project's SQL gems are untrusted code, as the
 * preview's sandbox treats them.
 */
function instanceOptions(memoryLimit: string): Record<string, string> {
  return {
    enable_external_access: 'false',
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    allow_community_extensions: 'false',
    allow_unsigned_extensions: 'false',
    allow_persistent_secrets: 'false',
    memory_limit: memoryLimit,
    threads: '1',
    lock_configuration: 'true',
  };
}

/**
 * DuckDB, loaded on first use rather than with the package: the backend
 * imports this package's main entry point, which must not load the native
 * binding (see entryPoints.test.ts).
 */
function duckDb(): typeof import('@duckdb/node-api') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@duckdb/node-api');
}

function subjectOf(file: TestFile) {
  // A file without a subject does not load, so it never reaches here.
  const { kind, name } = testFileSubject(file)!;
  return { subjectKind: kind, subject: name };
}

/**
 * Runs a project's pipeline tests (`tests/<name>.test.yaml`) on an
 * in-memory DuckDB: for each test, tables typed from the dataset contracts
 * (or the subgraph's input ports, or the rule's inputs) with the given
 * rows, then the query of the expected node, compiled for DuckDB with its
 * Sources reading those tables, and its rows compared with the expected
 * ones.
 *
 * Load the project first (`loadProject`) and check its diagnostics: only
 * test files that loaded are run. A test that cannot run is an `error`
 * result with its message; this never throws for bad project content.
 * DuckDB is loaded when this is first called, not when the package is.
 *
 * @public
 */
export async function runPipelineTests(
  project: LoadedProject,
  options: RunPipelineTestsOptions = {},
): Promise<PipelineTestResult[]> {
  const files = [...project.tests.values()].filter(
    file =>
      options.subject === undefined ||
      subjectOf(file.value).subject === options.subject,
  );
  if (files.length === 0) return [];
  const { DuckDBInstance } = duckDb();
  const results: PipelineTestResult[] = [];
  for (const file of files) {
    const instance = await DuckDBInstance.create(
      ':memory:',
      instanceOptions(options.memoryLimit ?? DEFAULT_MEMORY_LIMIT),
    );
    try {
      const connection = await instance.connect();
      try {
        for (const [index, test] of file.value.tests.entries()) {
          results.push(
            await runTest(connection, project, file, test, index, options),
          );
        }
      } finally {
        connection.closeSync();
      }
    } finally {
      instance.closeSync();
    }
  }
  return results;
}

async function runTest(
  connection: DuckDBConnection,
  project: LoadedProject,
  file: LoadedFile<TestFile>,
  test: PipelineTestCase,
  index: number,
  options: RunPipelineTestsOptions,
): Promise<PipelineTestResult> {
  const started = performance.now();
  const result = (
    outcome: Pick<PipelineTestResult, 'status' | 'diff' | 'message'>,
  ): PipelineTestResult => ({
    file: file.path,
    ...subjectOf(file.value),
    name: test.name,
    ...outcome,
    durationMs: Math.round(performance.now() - started),
  });
  // Each test has a schema of its own, so tests of a file never see each
  // other's rows.
  const schema = `test_${index}`;
  try {
    const query = testQuery(project, file.value, test);
    await connection.run(`CREATE SCHEMA ${schema}`);
    const tableOf = (dataset: string) =>
      `${schema}.${quoteIdentifier(dataset, 'duckdb', 'always')}`;
    const inputs = new Map(
      [...query.tables].map(([dataset, table]) => [table.input, dataset]),
    );
    for (const input of Object.keys(test.given ?? {})) {
      if (!inputs.has(input)) {
        throw new Error(
          `given "${input}" is not read by the ${
            subjectOf(file.value).subjectKind
          }; it reads: ${[...inputs.keys()].join(', ') || 'nothing'}`,
        );
      }
    }
    for (const [dataset, table] of query.tables) {
      await createInputTable(
        connection,
        tableOf(dataset),
        table,
        test.given?.[table.input] ?? [],
      );
    }
    const preview = compilePreview(
      query.pipeline,
      query.context,
      query.nodeId,
      {
        dialect: 'duckdb',
        port: query.port,
        tables: tableOf,
        parameters: query.parameters,
        maskTemplates:
          options.maskTemplates ?? project.standards?.maskTemplates,
      },
    );
    if (!preview.sql || !preview.columns) {
      return result({
        status: 'error',
        message: compileProblems(preview.diagnostics),
      });
    }
    const reader = await connection.runAndReadAll(preview.sql);
    const actual: TestRow[] = reader
      .getRowsJson()
      .map(values =>
        Object.fromEntries(
          preview.columns!.map((column, i) => [
            column.name,
            testValue(values[i] as never, column.type),
          ]),
        ),
      );
    const compared = comparedColumns(test, preview.columns);
    const diff = diffRows(test.expect.rows, actual, compared, {
      ordered: test.expect.ordered,
      tolerance: test.expect.tolerance,
    });
    return diff === undefined
      ? result({ status: 'passed' })
      : result({ status: 'failed', diff });
  } catch (error) {
    return result({ status: 'error', message: (error as Error).message });
  } finally {
    await connection
      .run(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
      .catch(() => undefined);
  }
}

/**
 * The table a Source of the test reads, with the given rows. Every value
 * is a parameter of the INSERT, cast to the column's type by DuckDB: the
 * rows come from a file anyone may edit, so none of it is SQL text.
 */
async function createInputTable(
  connection: DuckDBConnection,
  table: string,
  input: TestInputTable,
  rows: ReadonlyArray<Readonly<Record<string, ScalarValue>>>,
): Promise<void> {
  const types = input.columns.map(c =>
    renderSqlType(parseSqlType(c.type), 'duckdb'),
  );
  const columns = input.columns.map(c =>
    quoteIdentifier(c.name, 'duckdb', 'always'),
  );
  await connection.run(
    `CREATE TABLE ${table} (${columns
      .map((c, i) => `${c} ${types[i]}`)
      .join(', ')})`,
  );
  if (rows.length === 0) return;
  const known = new Set(input.columns.map(c => c.name));
  rows.forEach((row, position) => {
    const unknown = Object.keys(row).find(key => !known.has(key));
    if (unknown !== undefined) {
      throw new Error(
        `given "${input.input}" row ${
          position + 1
        } has a column "${unknown}" that is not one of ${[...known].join(
          ', ',
        )}`,
      );
    }
  });
  const { VARCHAR } = duckDb();
  const values: Array<string | null> = [];
  const tuples = rows.map(row => {
    const cells = input.columns.map((column, i) => {
      const value = row[column.name];
      values.push(value === undefined || value === null ? null : String(value));
      return `CAST($${values.length} AS ${types[i]})`;
    });
    return `(${cells.join(', ')})`;
  });
  try {
    await connection.run(
      `INSERT INTO ${table} VALUES ${tuples.join(', ')}`,
      values,
      values.map(() => VARCHAR),
    );
  } catch (error) {
    throw new Error(
      `given "${input.input}": ${(error as Error).message.split('\n')[0]}`,
    );
  }
}

/**
 * The columns a test compares: `expect.columns`, or the keys of the
 * expected rows, or (with no rows to say) every column of the node.
 */
function comparedColumns(
  test: PipelineTestCase,
  columns: ReadonlyArray<{ name: string; type: string }>,
): ComparedColumn[] {
  const { expect } = test;
  const names = expect.columns ?? [
    ...new Set(expect.rows.flatMap(row => Object.keys(row))),
  ];
  const chosen = names.length ? names : columns.map(c => c.name);
  const byName = new Map(columns.map(c => [c.name, c]));
  const available = columns.map(c => c.name).join(', ');
  for (const name of chosen) {
    if (!byName.has(name)) {
      throw new Error(
        `the output has no column "${name}"; its columns: ${available}`,
      );
    }
  }
  if (expect.columns) {
    expect.rows.forEach((row, position) => {
      const extra = Object.keys(row).find(key => !names.includes(key));
      if (extra !== undefined) {
        throw new Error(
          `expected row ${
            position + 1
          } sets "${extra}", which expect.columns leaves out`,
        );
      }
    });
  }
  return chosen.map(name => ({
    name,
    comparison: columnComparison(byName.get(name)!.type),
  }));
}

function compileProblems(diagnostics: readonly CompilerDiagnostic[]): string {
  const errors = diagnostics.filter(d => d.severity === 'error');
  const listed = errors
    .slice(0, MAX_LISTED_PROBLEMS)
    .map(d => (d.nodeId ? `node "${d.nodeId}": ${d.message}` : d.message));
  const more = errors.length - listed.length;
  return `does not compile: ${listed.join('; ') || 'no query'}${
    more > 0 ? ` (and ${more} more)` : ''
  }`;
}
