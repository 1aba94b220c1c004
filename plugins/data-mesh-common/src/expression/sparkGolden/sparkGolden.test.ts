/**
 * @jest-environment node
 */
import { outputInUtc } from './sessionTimeZone';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { duckDbDialect } from '../../dialect';
import { openDuckDb, queryRows } from '../__testUtils__/duckdb';
import { analyzeExpression } from '../analyze';
import type { BoundExpression } from '../bind';
import { isExpressionError } from '../errors';
import { renderExpression } from '../render';
import { formatSqlType, SqlType, sqlTypesEqual } from '../types';
import { sameValue } from './compareValue';
import { DOC_CASES } from './docCases';
import type { GoldenCase } from './goldenCase';
import {
  CaseResult,
  formatShares,
  KnownDifference,
  mismatchReport,
  Outcome,
  sharesOf,
} from './outcome';
import { sqlTypeOfSpark } from './sparkTypes';

/**
 * The differential test of issue 10: expressions whose result Spark
 * states, run through Meshwork (parse and bind with an empty scope, render
 * for DuckDB, run on DuckDB) and compared with Spark's value and type.
 *
 * Sources (Apache License 2.0; test data extracted, no code):
 * - cases.json: the single-expression statements of Spark's golden SQL
 *   tests, apache/spark `sql/core/src/test/resources/sql-tests/results/`
 *   (ANSI mode), each case citing its file and commit; see README.md and
 *   extract.mjs.
 * - docCases.ts: examples of Spark's SQL function reference,
 *   https://spark.apache.org/docs/latest/api/sql/index.html, for functions
 *   the golden files do not cover.
 *
 * Each case is refused (Meshwork reports an ExpressionError: fine, it says
 * so to the user), matched, or mismatched. A mismatch fails the test
 * unless it is listed below with the reason and the area that owns it;
 * `GOLDEN_REPORT=1` writes every mismatch to /tmp/notes/golden-mismatches.md.
 */
const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  // None at present. List one as `{ sql, why, area }`, where `area` says who
  // fixes it: `numeric` the DuckDB dialect's numeric semantics
  // (dialect/duckdb.ts, render.ts), `language` the parser, binder and
  // function catalogue, `golden` the way Spark produced the expected result.
];

const GOLDEN_CASES: readonly GoldenCase[] = JSON.parse(
  readFileSync(join(__dirname, 'cases.json'), 'utf8'),
);

const REPORT_PATH = '/tmp/notes/golden-mismatches.md';
const SUMMARY_PATH = join(tmpdir(), 'meshwork-spark-golden', 'summary.txt');

/** The DuckDB type name Spark's type corresponds to, as typeof() prints it. */
function duckDbTypeName(type: SqlType): string {
  return type.kind === 'null'
    ? '"NULL"'
    : duckDbDialect.typeName(type).replace(/\s+/g, '');
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}

/** What Meshwork does with one case. */
async function classify(
  golden: GoldenCase,
  connection: DuckDBConnection,
): Promise<Outcome> {
  let bound: BoundExpression;
  let rendered: string;
  try {
    bound = analyzeExpression(golden.sql, { inputs: [] });
    rendered = renderExpression(bound, 'duckdb');
  } catch (error) {
    if (isExpressionError(error)) {
      return { kind: 'refused', reason: error.message };
    }
    return {
      kind: 'mismatched',
      problem: 'crashed',
      detail: `compiler threw ${describeError(error)}`,
    };
  }
  let row: Record<string, unknown>;
  try {
    [row] = await queryRows(
      connection,
      `SELECT ${rendered} AS v, typeof(${rendered}) AS t`,
    );
  } catch (error) {
    return golden.error
      ? { kind: 'matched', rendered }
      : {
          kind: 'mismatched',
          problem: 'raised',
          detail: `DuckDB raised ${describeError(error)}`,
          rendered,
        };
  }
  const got = `${JSON.stringify(row.v)} :: bound ${formatSqlType(
    bound.type,
  )}, DuckDB ${row.t}`;
  if (golden.error || golden.output === null || golden.sparkType === null) {
    return {
      kind: 'mismatched',
      problem: 'should-have-raised',
      detail: got,
      rendered,
    };
  }
  const expected = sqlTypeOfSpark(golden.sparkType);
  if (!sameValue(expected, outputInUtc(golden.sql, golden.output), row.v)) {
    return { kind: 'mismatched', problem: 'value', detail: got, rendered };
  }
  const typesAgree =
    expected !== undefined &&
    sqlTypesEqual(bound.type, expected) &&
    String(row.t).replace(/\s+/g, '') === duckDbTypeName(expected);
  if (!typesAgree) {
    return { kind: 'mismatched', problem: 'type', detail: got, rendered };
  }
  return { kind: 'matched', rendered };
}

async function classifyAll(
  cases: readonly GoldenCase[],
  connection: DuckDBConnection,
): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const golden of cases) {
    results.push({ golden, outcome: await classify(golden, connection) });
  }
  return results;
}

describe('Spark’s documented results on DuckDB', () => {
  let duckdb: Awaited<ReturnType<typeof openDuckDb>>;
  let fromGoldenFiles: CaseResult[];
  let fromDocs: CaseResult[];

  beforeAll(async () => {
    duckdb = await openDuckDb();
    fromGoldenFiles = await classifyAll(GOLDEN_CASES, duckdb.connection);
    fromDocs = await classifyAll(DOC_CASES, duckdb.connection);
    const summary = [
      `Spark golden single-expression cases: ${formatShares(
        sharesOf(fromGoldenFiles),
      )}`,
      `Spark documentation examples: ${formatShares(sharesOf(fromDocs))}`,
    ].join('\n');
    mkdirSync(dirname(SUMMARY_PATH), { recursive: true });
    writeFileSync(SUMMARY_PATH, `${summary}\n`);
    // eslint-disable-next-line no-console
    console.log(`${summary}\n(written to ${SUMMARY_PATH})`);
    if (process.env.GOLDEN_REPORT) {
      mkdirSync(dirname(REPORT_PATH), { recursive: true });
      writeFileSync(
        REPORT_PATH,
        mismatchReport(
          [...fromGoldenFiles, ...fromDocs],
          KNOWN_DIFFERENCES,
          summary,
        ),
      );
    }
  }, 120_000);
  afterAll(() => duckdb?.close());

  it('reads the extracted golden cases', () => {
    expect(GOLDEN_CASES.length).toBeGreaterThan(200);
    for (const { source } of GOLDEN_CASES) {
      expect(source).toMatch(/^sql\/core\/.*\.sql\.out@[0-9a-f]{7}$/);
    }
  });

  it('gives Spark’s value and type, or an error where Spark raises one', () => {
    const known = new Set(KNOWN_DIFFERENCES.map(entry => entry.sql));
    const unexpected = [...fromGoldenFiles, ...fromDocs].flatMap(
      ({ golden: c, outcome }) =>
        outcome.kind === 'mismatched' && !known.has(c.sql)
          ? [
              `${c.sql}  [${outcome.problem}] Spark: ${
                c.error ?? `${c.output} :: ${c.sparkType}`
              }; Meshwork: ${outcome.detail}`,
            ]
          : [],
    );
    expect(unexpected).toEqual([]);
  });

  it('lists only differences that still exist', () => {
    const mismatched = new Set(
      [...fromGoldenFiles, ...fromDocs]
        .filter(result => result.outcome.kind === 'mismatched')
        .map(result => result.golden.sql),
    );
    const fixed = KNOWN_DIFFERENCES.filter(
      entry => !mismatched.has(entry.sql),
    ).map(
      entry =>
        `${entry.sql} (no longer mismatched: remove it from KNOWN_DIFFERENCES)`,
    );
    expect(fixed).toEqual([]);
  });

  it('detects a wrong value, a wrong type and a missing error', async () => {
    const wrong: GoldenCase[] = [
      { source: 'self-test', sql: '1 + 1', sparkType: 'int', output: '3' },
      { source: 'self-test', sql: '1 + 1', sparkType: 'bigint', output: '2' },
      {
        source: 'self-test',
        sql: "'a'",
        sparkType: null,
        output: null,
        error: 'X',
      },
      { source: 'self-test', sql: '1 +', sparkType: 'int', output: '1' },
    ];
    const outcomes = (await classifyAll(wrong, duckdb.connection)).map(
      ({ outcome }) => outcome,
    );
    expect(
      outcomes.map(o => (o.kind === 'mismatched' ? o.problem : o.kind)),
    ).toEqual(['value', 'type', 'should-have-raised', 'refused']);
  });
});
