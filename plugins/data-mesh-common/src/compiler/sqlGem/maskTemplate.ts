import { sqlDialect, SqlDialectName } from '../../dialect';
import { SourceText } from '../../expression/span';
import { PARSER_NOT_LOADED } from './analyzeSqlGem';
import {
  catalogueNames,
  inCatalogue,
  QueryChecker,
  SqlProblem,
} from './checkQuery';
import { LocatedSqlProblem, ProblemLocator } from './problemLocator';
import { loadedSqlParser } from './sqlParser';

/**
 * The masked column inside the query a template is checked as: an
 * identifier as long as `{{column}}`, so that positions in the query are
 * positions in the template.
 */
const COLUMN = '__column__';
const INPUT = '__masked_input__';
const PREFIX = 'SELECT (';
const SUFFIX = `) AS __masked__ FROM ${INPUT}`;

/**
 * Text two SQL parsers may read differently (escapes, dollar quoting,
 * comments) or that ends an expression (`;`). A template is one short
 * expression and needs none of it; refusing it keeps what the check
 * parsed and what the warehouse parses the same.
 */
const UNSAFE_TEXT: ReadonlyArray<[RegExp, string]> = [
  [/\\/, 'a backslash'],
  [/\$/, 'a dollar sign'],
  [/--|\/\*|\*\//, 'a comment'],
  [/;/, 'a semicolon'],
  [/\bU&['"]|\b[Ee]'/, 'an escaped string'],
];

/** Checked templates by dialect and text. */
const cache = new Map<string, LocatedSqlProblem[]>();
const CACHE_SIZE = 200;

/**
 * Checks a Mask gem's own template for a dialect: one expression over
 * `{{column}}` that reads nothing else (subqueries may read only the
 * masked input), calls only functions of the Meshwork function catalogue
 * (on DuckDB also its own hashes), and contains nothing two parsers
 * could read differently. Platform templates, which come from the
 * backend's code and config rather than from a pipeline, are not checked.
 */
export function checkMaskTemplate(
  template: string,
  dialect: SqlDialectName,
): LocatedSqlProblem[] {
  const parser = loadedSqlParser();
  if (!parser) return [{ code: 'internal-error', message: PARSER_NOT_LOADED }];
  const key = `${dialect}\u0000${template}`;
  const known = cache.get(key);
  if (known) return known;
  const problems = check(template, dialect, parser);
  cache.set(key, problems);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return problems;
}

function check(
  template: string,
  dialectName: SqlDialectName,
  parser: NonNullable<ReturnType<typeof loadedSqlParser>>,
): LocatedSqlProblem[] {
  const dialect = sqlDialect(dialectName);
  const lines = new SourceText(template);
  for (const [pattern, what] of UNSAFE_TEXT) {
    const match = pattern.exec(template);
    if (match) {
      const { line, column } = lines.span(match.index, match.index);
      return [
        {
          code: 'sql-not-allowed',
          message: `a Mask template is one expression and may not contain ${what}`,
          location: {
            line,
            column,
            offset: match.index,
            length: match[0].length,
            code: 'unsafe-text',
            suggestions: [],
          },
        },
      ];
    }
  }
  const sql = `${PREFIX}${template.split('{{column}}').join(COLUMN)}${SUFFIX}`;
  const locate = new ProblemLocator(parser, sql);
  // Back from the checked query to the template: only line 1 is shifted.
  const inTemplate = (problem: SqlProblem): LocatedSqlProblem => {
    const located = locate.problem(problem);
    if (!located.location) return located;
    const { line, column, offset } = located.location;
    const start = Math.max(offset - PREFIX.length, 0);
    return {
      ...located,
      location: {
        ...located.location,
        offset: Math.min(start, template.length),
        column: line === 1 ? Math.max(column - PREFIX.length, 1) : column,
      },
    };
  };
  const parsed = parser.parse(sql, parser.Dialect[dialect.polyglotDialect]);
  if (!parsed.success || parsed.ast.length !== 1) {
    return [
      inTemplate({
        code: 'invalid-sql',
        reason: 'syntax',
        message: `the template is not one ${dialect.displayName} expression${
          parsed.success
            ? ''
            : `: ${(parsed.error ?? '').replace(
                /^Parse error at line \d+, column \d+:\s*/,
                '',
              )}`
        }`,
        anchor:
          !parsed.success && parsed.errorStart !== undefined
            ? {
                span: {
                  start: parsed.errorStart,
                  end: parsed.errorEnd ?? parsed.errorStart,
                },
              }
            : { statement: 0 },
      }),
    ];
  }
  const checker = new QueryChecker(parser, {
    inputs: [INPUT],
    allowFunction: name =>
      inCatalogue(name) || dialect.maskHashFunctions.has(name.toLowerCase()),
    functionNames: catalogueNames,
    characters: Array.from(sql),
  });
  checker.checkStatement(parsed.ast[0]);
  return checker.problems.map(p =>
    inTemplate({
      ...p,
      message: p.message
        .replace(
          /^SQL gem may read only its inputs \([^)]*\); /,
          'a Mask template reads only {{column}}; ',
        )
        .replace(/^a SQL gem /, 'a Mask template '),
    }),
  );
}
