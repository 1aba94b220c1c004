import {
  inCatalogue,
  catalogueNames,
  QueryChecker,
  QueryFacts,
} from './checkQuery';
import { sqlDialect, SqlDialectName } from '../../dialect';
import type { SqlParser } from './sqlParser';

/**
 * Functions that polyglot's DuckDB generator writes for Spark functions it
 * knows (Spark `dayofweek` is DuckDB `isodow`, `max_by` is `arg_max`):
 * calls the generated DuckDB SQL may make although the query as written
 * does not. Any other new call makes the generated code differ from the
 * query, and the gem is refused.
 */
const GENERATED_DUCKDB_FUNCTIONS = new Set([
  'isodow',
  'json',
  'list_filter',
  'arg_max',
  'arg_min',
]);

/**
 * The query written in `dialect` from the checked statement (formatted one
 * clause per line), then parsed back with that dialect's rules and checked
 * again: it must pass the same checks and read the same tables, call no
 * function the query does not (but for the generator's own translations)
 * and hold the same string literals. A difference means the two parsers
 * would not run the same query, so the gem is refused.
 */
export function generateChecked(
  parser: SqlParser,
  statement: unknown,
  dialectName: SqlDialectName,
  original: QueryFacts,
  inputs: readonly string[],
): { text: string } | { problem: string } {
  const dialect = sqlDialect(dialectName);
  const target = parser.Dialect[dialect.polyglotDialect];
  const name = dialect.sqlName;
  const generated = parser.generate([statement], target);
  if (!generated.success || generated.sql?.length !== 1) {
    return {
      problem: `the query cannot be written as ${name}: ${
        generated.error ?? 'no statement generated'
      }`,
    };
  }
  const formatted = parser.format(generated.sql[0], target);
  const text =
    formatted.success && formatted.sql?.length === 1
      ? formatted.sql[0]
      : generated.sql[0];
  const differs = (detail: string) => ({
    problem: `the ${name} generated from this query ${detail}, so it is refused rather than run`,
  });
  const reparsed = parser.parse(text, target);
  if (!reparsed.success || reparsed.ast.length !== 1) {
    return differs('does not parse back as one statement');
  }
  const checker = new QueryChecker(parser, {
    inputs,
    allowFunction: f =>
      original.functions.has(f) ||
      GENERATED_DUCKDB_FUNCTIONS.has(f) ||
      inCatalogue(f),
    functionNames: catalogueNames,
  });
  checker.checkStatement(reparsed.ast[0]);
  const [problem] = checker.problems;
  if (problem) return differs(`fails the check (${problem.message})`);
  const { facts } = checker;
  const tables = new Set(original.tables);
  const extra = [...new Set(facts.tables)].filter(t => !tables.has(t));
  if (extra.length > 0 || new Set(facts.tables).size !== tables.size) {
    return differs(
      `reads other tables (${[...new Set(facts.tables)].join(
        ', ',
      )}) than the query (${[...tables].join(', ')})`,
    );
  }
  const added = [...facts.functions].filter(
    f => !original.functions.has(f) && !GENERATED_DUCKDB_FUNCTIONS.has(f),
  );
  if (added.length > 0) {
    return differs(`calls ${added.join(', ')}, which the query does not`);
  }
  if (!sameStrings(original.strings, facts.strings)) {
    return differs('holds other string literals than the query');
  }
  return { text };
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const sorted = (list: readonly string[]) => [...list].sort();
  const x = sorted(a);
  const y = sorted(b);
  return x.every((value, i) => value === y[i]);
}
