/**
 * Spark SQL, as Databricks runs it. The expression language is Spark's, so
 * most constructs are written as they were parsed.
 */
import { SPARK_QUOTED_WORDS } from '../expression/keywords';
import { parenthesize, Precedence, primary } from '../expression/precedence';
import type { SqlType } from '../expression/types';
import {
  castWith,
  catalogueRenderings,
  functionRendererOf,
  identifierQuoter,
  mergeInto,
  plainArithmetic,
  plainLike,
} from './shared';
import type { SqlDialect } from './SqlDialect';

const STRING_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** Spark reads backslash escapes in string literals: `'C:\\temp'`. */
function stringLiteral(value: string): string {
  let escaped = '';
  for (const ch of value) {
    const control = ch.charCodeAt(0) < 0x20;
    escaped +=
      STRING_ESCAPES[ch] ??
      (control ? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}` : ch);
  }
  return `'${escaped}'`;
}

function typeName(type: SqlType): string {
  switch (type.kind) {
    case 'string':
      return 'STRING';
    case 'tinyint':
      return 'TINYINT';
    case 'smallint':
      return 'SMALLINT';
    case 'int':
      return 'INT';
    case 'bigint':
      return 'BIGINT';
    case 'double':
      return 'DOUBLE';
    case 'decimal':
      return `DECIMAL(${type.precision}, ${type.scale})`;
    case 'boolean':
      return 'BOOLEAN';
    case 'date':
      return 'DATE';
    case 'timestamp':
      return 'TIMESTAMP';
    case 'array':
      return `ARRAY<${typeName(type.element)}>`;
    default:
      throw new Error(`type ${type.kind} has no SQL name`);
  }
}

const JOIN_KEYWORDS = {
  inner: 'INNER JOIN',
  left: 'LEFT JOIN',
  right: 'RIGHT JOIN',
  full: 'FULL OUTER JOIN',
  semi: 'LEFT SEMI JOIN',
  anti: 'LEFT ANTI JOIN',
} as const;

/**
 * Spark SQL (Databricks).
 *
 * @public
 */
export const sparkSqlDialect: SqlDialect = {
  name: 'spark',
  displayName: 'Spark SQL',
  sqlName: 'Spark SQL',
  polyglotDialect: 'Spark',
  needsTypes: false,

  quoteIdentifier: identifierQuoter(SPARK_QUOTED_WORDS, '`'),
  stringLiteral,
  numberLiteral: value => primary(`${value.text}${value.suffix ?? ''}`),
  intervalLiteral: (value, unit) => `INTERVAL ${value} ${unit}`,
  // Spark reads the `Z` as UTC whatever the session time zone.
  utcTimestampLiteral: time =>
    `TIMESTAMP '${time.toISOString().slice(0, 19).replace('T', ' ')}Z'`,
  typeName,
  castSql(sql, type, safe) {
    return castWith(this, sql, type, safe);
  },

  cast(operand, target, safe) {
    return this.castSql(operand.sql, target, safe);
  },
  implicitConversion: () => undefined,
  arithmetic: (operator, left, right) => plainArithmetic(operator, left, right),
  integralDivision: (left, right) => ({
    sql: `${left.operand(Precedence.multiplicative)} DIV ${right.operand(
      Precedence.multiplicative + 1,
    )}`,
    precedence: Precedence.multiplicative,
  }),
  concat: (left, right) => ({
    sql: `${parenthesize(left, Precedence.additive)} || ${parenthesize(
      right,
      Precedence.additive + 1,
    )}`,
    precedence: Precedence.additive,
  }),
  nullSafeEquals: (left, right) => ({
    sql: `${left} <=> ${right}`,
    precedence: Precedence.comparison,
  }),
  like(operator, operand, pattern, { negated, escape }) {
    return plainLike(this, operator, operand, pattern, negated, escape);
  },
  regexMatch(value, pattern, negated) {
    return plainLike(this, 'RLIKE', value, pattern, negated, undefined);
  },
  subscript: (array, index) => ({
    sql: `${array.operand(Precedence.postfix)}[${index.sql}]`,
    precedence: Precedence.postfix,
  }),
  nullOrder: ({ descending, nulls, explicit }) =>
    explicit || nulls !== (descending ? 'LAST' : 'FIRST') ? nulls : undefined,
  functions: catalogueRenderings('spark'),
  functionRenderer(definition) {
    return functionRendererOf(this, definition);
  },

  joinKeyword: type => JOIN_KEYWORDS[type],
  unionAllByName: false,
  epochSeconds: sql => `unix_timestamp(${sql})`,
  sortedStringAgg: (value, separator) =>
    `nullif(array_join(array_sort(collect_list(${value})), ${separator}), '')`,
  mergeStatement(parts) {
    return mergeInto(this, parts);
  },
  // Spark SQL has no multi-statement transactions; each statement that
  // writes a Delta table commits on its own.
  transaction: statements => [...statements],

  maskTemplates: {
    hash: 'sha2(CAST({{column}} AS STRING), 256)',
    redact: "CASE WHEN {{column}} IS NOT NULL THEN '[REDACTED]' END",
    anonymize: "left({{column}}, 1) || '****'",
    encrypt:
      "base64(aes_encrypt(CAST({{column}} AS STRING), secret('meshwork', 'mask-key'), 'GCM'))",
  },
  maskHashFunctions: new Set(),
};
