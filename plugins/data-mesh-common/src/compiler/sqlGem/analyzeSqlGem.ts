import type { PathSegment } from '../../project';
import type { CompilerDiagnostic } from '../types';
import {
  catalogueNames,
  inCatalogue,
  QueryChecker,
  QueryFacts,
  SqlProblem,
} from './checkQuery';
import { generateChecked } from './generateQuery';
import { LocatedSqlProblem, ProblemLocator } from './problemLocator';
import {
  astKind,
  identifierName,
  isAstObject,
  payloadOf,
  withoutComments,
} from './sqlAst';
import { loadedSqlParser, SqlParser } from './sqlParser';

/**
 * A SQL gem's query as each dialect runs it: generated from the checked
 * parse, never the author's text, so that what runs is what was checked
 * (the Spark parser and DuckDB do not read quotes, escapes and comments
 * alike).
 *
 * @public
 */
export interface SqlGemQuery {
  /** Spark SQL, for the generated SQL and PySpark's `spark.sql`. */
  readonly spark: string;
  /** DuckDB SQL, for previews and local runs. */
  readonly duckdb: string;
  /** The names of the query's own top-level CTEs, in lower case. */
  readonly ctes: readonly string[];
  /** Whether its WITH is `WITH RECURSIVE`. */
  readonly recursive: boolean;
}

/**
 * The result of {@link analyzeSqlGem}.
 *
 * @public
 */
export interface SqlGemAnalysis {
  /** Why the query is refused, each at its line and column in the SQL text. */
  readonly diagnostics: readonly CompilerDiagnostic[];
  /** The query to run, when there are no diagnostics. */
  readonly query?: SqlGemQuery;
}

/**
 * Options of {@link analyzeSqlGem}.
 *
 * @public
 */
export interface AnalyzeSqlGemOptions {
  /** The path the diagnostics point at; default `['sql']`. */
  readonly path?: readonly PathSegment[];
  /** The node the diagnostics are about. */
  readonly nodeId?: string;
}

/** What the compiler keeps of a checked SQL gem. */
export interface CheckedSqlGem {
  readonly problems: readonly LocatedSqlProblem[];
  readonly query?: SqlGemQuery;
  /** The parsed statement without comments, when the query is accepted. */
  readonly statement?: unknown;
}

/** Why every SQL gem is refused before {@link initSqlParser} has finished. */
export const PARSER_NOT_LOADED =
  'the SQL parser is not loaded; call initSqlParser() first';

/** Checked gems by text and inputs: a pipeline is propagated and generated several times. */
const cache = new Map<string, CheckedSqlGem>();
const CACHE_SIZE = 500;

/**
 * Checks a SQL gem's query, from the cache when the same text and inputs
 * were checked before. Undefined while the parser is not loaded.
 */
export function checkSqlGem(
  sql: string,
  inputs: readonly string[],
): CheckedSqlGem | undefined {
  const parser = loadedSqlParser();
  if (!parser) return undefined;
  const key = `${inputs.join('\u0000')}\u0001${sql}`;
  const cached = cache.get(key);
  if (cached) {
    // Most recently used last, so that the oldest goes first.
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const checked = check(parser, sql, inputs);
  cache.set(key, checked);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return checked;
}

/**
 * Analyses the query of a SQL gem (Spark SQL over the gem's `inputs`) and
 * refuses anything but one harmless query: exactly one statement, a
 * SELECT (or UNION, INTERSECT, EXCEPT, optionally with WITH) that reads
 * only the gem's inputs and its own CTEs (unqualified, in scope), calls no
 * table function and no function outside the Meshwork function catalogue,
 * and writes nothing. The accepted query is generated for Spark and
 * DuckDB from the parse, and each generated text is parsed again and must
 * read and call the same things.
 *
 * Pure and synchronous, but needs the parser: before
 * {@link initSqlParser} has finished it returns one error diagnostic.
 *
 * @public
 */
export function analyzeSqlGem(
  sql: string,
  inputs: readonly string[],
  options: AnalyzeSqlGemOptions = {},
): SqlGemAnalysis {
  const path = options.path ?? ['sql'];
  const checked = checkSqlGem(sql, inputs);
  const problems: readonly LocatedSqlProblem[] = checked?.problems ?? [
    { code: 'internal-error', message: PARSER_NOT_LOADED },
  ];
  return {
    diagnostics: problems.map(problem => ({
      severity: 'error',
      code: problem.code,
      message: problem.message,
      ...(options.nodeId !== undefined && { nodeId: options.nodeId }),
      path,
      ...(problem.location && { expression: problem.location }),
    })),
    ...(checked?.query && { query: checked.query }),
  };
}

/** Parses, checks and generates a query that is not in the cache. */
function check(
  parser: SqlParser,
  sql: string,
  inputs: readonly string[],
): CheckedSqlGem {
  const locate = new ProblemLocator(parser, sql);
  const parsed = parser.parse(sql, parser.Dialect.Spark);
  if (!parsed.success) {
    const start = parsed.errorStart;
    return {
      problems: [
        locate.problem({
          code: 'invalid-sql',
          reason: 'syntax',
          message: `the SQL does not parse: ${(parsed.error ?? '').replace(
            /^Parse error at line \d+, column \d+:\s*/,
            '',
          )}`,
          anchor:
            start === undefined
              ? { statement: 0 }
              : { span: { start, end: parsed.errorEnd ?? start } },
        }),
      ],
    };
  }
  const statements = parsed.ast;
  const problems: SqlProblem[] = [];
  if (statements.length === 0) {
    problems.push({
      code: 'invalid-sql',
      reason: 'empty',
      message: 'the SQL gem has no query',
      anchor: { statement: 0 },
    });
  } else if (statements.length > 1) {
    problems.push({
      code: 'invalid-sql',
      reason: 'statements',
      message:
        'a SQL gem holds one query; a second statement starts here (remove it, or the ";" before it)',
      anchor: { statement: 1 },
    });
  }
  const nested = nestedComment(parser, sql);
  if (nested) problems.push(nested);
  let facts: QueryFacts | undefined;
  if (statements.length > 0) {
    const checker = new QueryChecker(parser, {
      inputs,
      allowFunction: inCatalogue,
      functionNames: catalogueNames,
      characters: Array.from(sql),
    });
    checker.checkStatement(statements[0]);
    problems.push(...checker.problems);
    facts = checker.facts;
  }
  if (problems.length > 0 || !facts) {
    return { problems: problems.map(p => locate.problem(p)) };
  }

  const statement = withoutComments(statements[0]);
  const spark = generateChecked(parser, statement, 'spark', facts, inputs);
  const duckdb = generateChecked(parser, statement, 'duckdb', facts, inputs);
  const refused = [spark, duckdb].flatMap(g =>
    'problem' in g
      ? [
          locate.problem({
            code: 'sql-not-allowed',
            reason: 'generated-differs',
            message: g.problem,
            anchor: { statement: 0 },
          }),
        ]
      : [],
  );
  if ('problem' in spark || 'problem' in duckdb) return { problems: refused };
  return {
    problems: [],
    statement,
    query: {
      spark: spark.text,
      duckdb: duckdb.text,
      ...topLevelCtes(parser, statement),
    },
  };
}

/**
 * A block comment with another opened inside it. Spark nests block
 * comments, so what it reads as one comment another parser may end at the
 * first closing mark and read the rest as SQL. The generated code drops comments
 * anyway, but text two parsers read differently is refused outright.
 */
function nestedComment(parser: SqlParser, sql: string): SqlProblem | undefined {
  if (sql.split('/*').length < 3) return undefined;
  for (const token of parser.tokenize(sql, parser.Dialect.Spark).tokens ?? []) {
    const raw = token as unknown as Record<string, unknown>;
    const comments = [
      raw.comments,
      raw.trailing_comments ?? raw.trailingComments,
    ].flatMap(list => (Array.isArray(list) ? (list as string[]) : []));
    for (const comment of comments) {
      const inner = comment.startsWith('/*') ? comment.indexOf('/*', 2) : -1;
      if (inner < 0) continue;
      const at = sql.indexOf(comment);
      const start = Array.from(sql.slice(0, Math.max(at, 0) + inner)).length;
      return {
        code: 'sql-not-allowed',
        reason: 'nested-comment',
        message:
          'a SQL gem may not open a block comment inside another: Spark nests them, other parsers end the comment at the first */',
        anchor: at < 0 ? { statement: 0 } : { span: { start, end: start + 2 } },
      };
    }
  }
  return undefined;
}

/** The CTEs of a statement's own WITH. */
function topLevelCtes(
  parser: SqlParser,
  statement: unknown,
): { ctes: string[]; recursive: boolean } {
  let node = statement;
  let kind = astKind(parser, node);
  while (kind === 'subquery') {
    node = payloadOf(node, kind).this;
    kind = astKind(parser, node);
  }
  const clause = kind ? payloadOf(node, kind).with : undefined;
  if (!isAstObject(clause) || !Array.isArray(clause.ctes)) {
    return { ctes: [], recursive: false };
  }
  return {
    ctes: clause.ctes
      .map(c => (isAstObject(c) ? identifierName(c.alias) : undefined))
      .filter((name): name is string => name !== undefined)
      .map(name => name.toLowerCase()),
    recursive: clause.recursive === true,
  };
}
