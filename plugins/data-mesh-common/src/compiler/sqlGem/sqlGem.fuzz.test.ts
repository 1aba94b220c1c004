/**
 * @jest-environment node
 */
import fc from 'fast-check';
import { defaultFunctionCatalogue } from '../../expression';
import { compilePipeline } from '../compilePipeline';
import { loadedSqlParser } from './sqlParser';
import { CONTEXT, sqlGemPipeline } from './__testUtils__/sqlGemPipeline';

/** Runs stay small so the suite stays fast; a failure prints its seed. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

/** Pieces of the injection corpus: what an attacker would put together. */
const FRAGMENTS = [
  "read_text('/etc/passwd')",
  "read_csv_auto('x.csv')",
  "glob('/*')",
  "getenv('HOME')",
  "reflect('java.lang.System', 'getenv', 'HOME')",
  'bronze.customers',
  '`bronze`.`customers`',
  '`bronze.customers`',
  '"bronze.customers"',
  'main.customers_in',
  "'x.csv'",
  "'https://example.com/x.csv'",
  'parquet.`/tmp/x`',
  ';',
  '--',
  '\n',
  '/*',
  '*/',
  "'",
  "\\'",
  "''",
  '"',
  '`',
  '$$',
  "U&'\\0027",
  "E'\\'",
  'customers',
  'customers_in',
  'orders_in',
  'email',
  'id',
  'c',
  'q',
];

const KEYWORDS = [
  'SELECT',
  'FROM',
  'WHERE',
  'WITH',
  'AS',
  'UNION ALL',
  'JOIN',
  'ON',
  'true',
  '(',
  ')',
  ',',
  '*',
  '1',
  '=',
  'INTO',
  'COPY',
  'ATTACH',
  'INSTALL',
  'PRAGMA',
  'SET',
  'LATERAL VIEW',
  'upper(',
  'count(*)',
];

/** Any sequence of fragments and keywords: mostly nonsense, some queries. */
const freeText = fc
  .tuple(
    fc.constantFrom('', 'SELECT ', 'SELECT c FROM customers_in '),
    fc.array(
      fc.tuple(
        fc.constantFrom(...FRAGMENTS, ...KEYWORDS),
        fc.constantFrom(' ', '', '\n'),
      ),
      { minLength: 1, maxLength: 14 },
    ),
  )
  .map(
    ([start, parts]) =>
      start + parts.map(([part, space]) => part + space).join(''),
  );

/** Queries of the right shape with fragments where strings, names and clauses go. */
const shapedQuery = fc
  .record({
    expression: fc.constantFrom(
      'email',
      'upper(email)',
      "'x'",
      "'a\\' FROM bronze.customers --'",
      "'a'' FROM bronze.customers --'",
      "$$ ' FROM bronze.customers $$",
      '(SELECT max(email) FROM bronze.customers)',
      '(SELECT max(email) FROM customers_in)',
      "read_text('/etc/hostname')",
      'email /* */',
      'email --',
    ),
    table: fc.constantFrom(
      'customers_in',
      'customers_in AS c JOIN orders_in AS o ON c.id = o.customer_id',
      'bronze.customers',
      '`customers_in`',
      "'x.csv'",
      '(SELECT * FROM customers_in) AS s',
      '(WITH h AS (SELECT * FROM customers_in) SELECT * FROM h) AS s',
      "read_csv('x.csv')",
    ),
    tail: fc.constantFrom(
      '',
      ' WHERE id > 1',
      ' -- comment',
      '\n/* x */',
      '; SELECT 1',
      ' UNION ALL SELECT email FROM bronze.customers',
      ' UNION ALL SELECT email FROM customers_in',
    ),
    cte: fc.constantFrom(
      '',
      'WITH h AS (SELECT * FROM customers_in) ',
      'WITH h AS (SELECT * FROM bronze.customers) ',
    ),
  })
  .map(
    ({ expression, table, tail, cte }) =>
      `${cte}SELECT ${expression} AS c FROM ${table}${tail}`,
  );

/** Names the generated gem may read: the pipeline's CTEs and the gem's inputs. */
const PIPELINE_NAMES = ['customers', 'orders', 'customers_in', 'orders_in'];

const DENIED =
  /^(insert|update|delete|copy|attach|install|pragma|set_statement|create_|drop_|raw$|command$)/;

/**
 * What the generated DuckDB script's CTE `q` (the gem) reads and calls,
 * found by parsing the script again: the tables it names that are neither
 * the pipeline's nor its own CTEs, the calls outside the catalogue, and
 * statement nodes. Deliberately simpler than the check under test.
 */
function escapes(script: string): string[] {
  const parser = loadedSqlParser()!;
  const parsed = parser.parse(script, parser.Dialect.DuckDB);
  if (!parsed.success) return [`does not parse: ${parsed.error}`];
  if (parsed.ast.length !== 1) return [`${parsed.ast.length} statements`];
  const found: string[] = [];
  const ctes = new Set<string>(PIPELINE_NAMES);
  let gem: unknown;
  const collectCtes = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(collectCtes);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, any>;
    if (Array.isArray(record.ctes)) {
      for (const cte of record.ctes) {
        const name = String(cte?.alias?.name ?? '').toLowerCase();
        if (name === 'q' && gem === undefined) gem = cte.this;
        else ctes.add(name);
      }
    }
    Object.values(record).forEach(collectCtes);
  };
  collectCtes(parsed.ast);
  if (gem === undefined) return ['no CTE q'];
  const known = new Set(defaultFunctionCatalogue.names());
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(walk);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, any>;
    const keys = Object.keys(record);
    if (keys.length === 1 && parser.ast.isExpressionValue(value)) {
      const [kind] = keys;
      const payload = record[kind];
      if (kind === 'table') {
        const parts = [payload.catalog, payload.schema, payload.name]
          .filter(Boolean)
          .map((p: { name: string }) => p.name.toLowerCase());
        if (parts.length !== 1 || !ctes.has(parts[0])) {
          found.push(`reads ${parts.join('.')}`);
        }
      } else if (kind === 'function' || kind === 'aggregate_function') {
        const name = String(payload.name).toLowerCase();
        if (
          !known.has(name) &&
          !['isodow', 'arg_max', 'arg_min'].includes(name)
        )
          found.push(`calls ${name}`);
      } else if (DENIED.test(kind)) {
        found.push(`contains ${kind}`);
      }
    }
    Object.values(record).forEach(walk);
  };
  walk(gem);
  return found;
}

describe('SQL gem text built from injection fragments', () => {
  it.each([
    ['free text', freeText, 0],
    ['shaped queries', shapedQuery, RUNS / 10],
  ] as const)(
    '%s is refused, or compiles to DuckDB SQL reading only the pipeline and its inputs',
    (_, text, minimumAccepted) => {
      let accepted = 0;
      fc.assert(
        fc.property(text, sql => {
          const compiled = compilePipeline(sqlGemPipeline(sql), CONTEXT, {
            dialect: 'duckdb',
          });
          if (compiled.sql !== undefined) accepted++;
          const refusedAtGem = compiled.diagnostics.some(
            d =>
              d.severity === 'error' &&
              d.nodeId === 'q' &&
              d.path.join('.') === 'nodes.2.config.sql',
          );
          // Refused at the gem's query (not by accident elsewhere), or
          // written so that it reads nothing else.
          let problems: string[];
          if (compiled.sql !== undefined) problems = escapes(compiled.sql);
          else if (refusedAtGem) problems = [];
          else problems = compiled.diagnostics.map(d => d.message);
          expect(problems).toEqual([]);
        }),
        { numRuns: RUNS },
      );
      // The property says something about accepted queries too.
      expect(accepted).toBeGreaterThanOrEqual(minimumAccepted);
    },
  );
});
