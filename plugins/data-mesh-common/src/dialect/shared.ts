/**
 * What the dialects share: the plain spellings both accept, from which
 * each dialect object departs where it must.
 */
import { indent } from '../compiler/codegen/text';
import { defaultFunctionCatalogue } from '../expression/functions/catalogue';
import type {
  FunctionDefinition,
  FunctionRenderer,
  RenderedArgument,
  RenderedSql,
} from '../expression/functions/definition';
import { parenthesize, Precedence, predicate } from '../expression/precedence';
import type { SqlType } from '../expression/types';
import type {
  IdentifierQuoting,
  MergeStatementParts,
  SqlDialect,
  SqlDialectName,
} from './SqlDialect';

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Quotes names with `quote` (doubled inside the name) when they are not
 * plain ASCII words, are one of `keywords` or when quoting is `always`.
 */
export function identifierQuoter(
  keywords: ReadonlySet<string>,
  quote: string,
): (name: string, quoting?: IdentifierQuoting) => string {
  return (name, quoting = 'when-needed') => {
    const needsQuotes =
      quoting === 'always' ||
      !PLAIN_NAME.test(name) ||
      keywords.has(name.toUpperCase());
    return needsQuotes
      ? `${quote}${name.split(quote).join(quote + quote)}${quote}`
      : name;
  };
}

/**
 * The renderings the default catalogue gives its functions for `dialect`,
 * by canonical name: the dialect's function table. The catalogue keeps
 * each function's renderings next to its signature and docs; the table is
 * where a dialect adds or replaces its own.
 */
export function catalogueRenderings(
  dialect: SqlDialectName,
): Readonly<Record<string, FunctionRenderer>> {
  const table: Record<string, FunctionRenderer> = {};
  for (const definition of defaultFunctionCatalogue.functions) {
    const renderer = definition.render?.[dialect];
    if (renderer) table[definition.name] = renderer;
  }
  return table;
}

/**
 * A function's renderer from the dialect's table, or the definition's own
 * for a function outside the default catalogue (a platform's extension).
 */
export function functionRendererOf(
  dialect: Pick<SqlDialect, 'name' | 'functions'>,
  definition: FunctionDefinition,
): FunctionRenderer | undefined {
  const builtIn =
    defaultFunctionCatalogue.lookup(definition.name) === definition;
  return builtIn
    ? dialect.functions[definition.name]
    : definition.render?.[dialect.name];
}

/** `left op right` at the operator's precedence. */
export function plainArithmetic(
  operator: string,
  left: RenderedArgument,
  right: RenderedArgument,
): RenderedSql {
  const precedence =
    operator === '+' || operator === '-'
      ? Precedence.additive
      : Precedence.multiplicative;
  return {
    sql: `${left.operand(precedence)} ${operator} ${right.operand(
      precedence + 1,
    )}`,
    precedence,
  };
}

/** `operand [NOT] LIKE pattern [ESCAPE 'e']`. */
export function plainLike(
  dialect: Pick<SqlDialect, 'stringLiteral'>,
  operator: string,
  operand: RenderedSql,
  pattern: RenderedSql,
  negated: boolean,
  escape: string | undefined,
): RenderedSql {
  const not = negated ? 'NOT ' : '';
  let sql = `${parenthesize(
    operand,
    Precedence.additive,
  )} ${not}${operator} ${parenthesize(pattern, Precedence.additive)}`;
  if (escape !== undefined) sql += ` ESCAPE ${dialect.stringLiteral(escape)}`;
  return predicate(sql);
}

/** `CAST(sql AS type)` with the dialect's type names. */
export function castWith(
  dialect: Pick<SqlDialect, 'typeName'>,
  sql: string,
  type: SqlType,
  safe = false,
): string {
  return `${safe ? 'TRY_CAST' : 'CAST'}(${sql} AS ${dialect.typeName(type)})`;
}

function commaList(items: readonly string[]): string[] {
  return items.map((item, i) => (i < items.length - 1 ? `${item},` : item));
}

/**
 * `MERGE INTO … USING (query) AS source ON keys`, with the columns listed
 * explicitly, which both dialects accept and which says exactly what is
 * written.
 */
export function mergeInto(
  dialect: Pick<SqlDialect, 'quoteIdentifier' | 'nullSafeEquals'>,
  { table, query, columns, keys }: MergeStatementParts,
): string[] {
  const q = (name: string) => dialect.quoteIdentifier(name);
  const target = q('target');
  const source = q('source');
  const equal = (key: string) =>
    dialect.nullSafeEquals(`${target}.${q(key)}`, `${source}.${q(key)}`).sql;
  const updated = columns.filter(c => !keys.includes(c));
  return [
    `MERGE INTO ${table} AS ${target}`,
    'USING (',
    ...indent(query),
    `) AS ${source}`,
    ...keys.map((key, i) => `${i === 0 ? 'ON' : '  AND'} ${equal(key)}`),
    // With only key columns there is nothing to update.
    ...(updated.length
      ? [
          'WHEN MATCHED THEN UPDATE SET',
          ...indent(commaList(updated.map(c => `${q(c)} = ${source}.${q(c)}`))),
        ]
      : []),
    'WHEN NOT MATCHED THEN INSERT (',
    ...indent(commaList(columns.map(q))),
    ') VALUES (',
    ...indent(commaList(columns.map(c => `${source}.${q(c)}`))),
    ');',
  ];
}
