import type { Dialect as PolyglotDialect } from '@polyglot-sql/sdk';
import type { MaskMethod } from '../compiler/codegen/maskTemplates';
import type { IntervalUnit, LiteralValue } from '../expression/ast';
import type {
  FunctionDefinition,
  FunctionRenderer,
  RenderedArgument,
  RenderedSql,
} from '../expression/functions/definition';
import type { SqlType } from '../expression/types';
import type { JOIN_TYPES } from '../project/gems/join';

/**
 * The name of a SQL dialect the compiler writes: Spark SQL (Databricks) or
 * DuckDB. It is what config, project files and engines say; the
 * {@link SqlDialect} of that name says how to write SQL in it.
 *
 * @public
 */
export type SqlDialectName = 'spark' | 'duckdb';

/**
 * When names are quoted. `when-needed` (the default) quotes names that are
 * not plain ASCII words or that are keywords of the dialect, which keeps
 * generated SQL readable; `always` quotes every name.
 *
 * @public
 */
export type IdentifierQuoting = 'when-needed' | 'always';

/** Where a sort key puts NULLs. @public */
export type NullOrder = 'FIRST' | 'LAST';

/** A number literal of the expression language. @public */
export type NumberLiteral = Extract<
  LiteralValue,
  { type: 'integer' | 'decimal' | 'double' }
>;

/** What a MERGE statement writes. @public */
export interface MergeStatementParts {
  /** The target table as SQL (`gold.customers`). */
  readonly table: string;
  /** The source query, one line per entry, unindented. */
  readonly query: readonly string[];
  /** Every column written, as named in the query. */
  readonly columns: readonly string[];
  /** The columns rows are matched on (a subset of `columns`). */
  readonly keys: readonly string[];
}

/**
 * A SQL dialect the compiler writes, as one object: how it spells names,
 * literals, types and statements, and how it renders each construct of the
 * expression language so that the result means what Spark SQL means (the
 * expression language is Spark's, so Spark's meaning is the one every
 * dialect reproduces). Code generation, quality checks and the job runner
 * ask the dialect instead of testing its name.
 *
 * Operands reach the rendering methods already rendered, with the types
 * the binder found ({@link RenderedArgument}); a method returns SQL and how
 * tightly it binds, and the renderer adds parentheses around it as needed.
 *
 * @public
 */
export interface SqlDialect {
  readonly name: SqlDialectName;
  /** The dialect as people call it: `Spark SQL`, `DuckDB`. */
  readonly displayName: string;
  /** Its SQL, as generated files name it: `Spark SQL`, `DuckDB SQL`. */
  readonly sqlName: string;
  /**
   * The dialect's member of polyglot-sql's `Dialect` (the parser that
   * checks SQL gems): `parser.Dialect[dialect.polyglotDialect]`.
   */
  readonly polyglotDialect: keyof typeof PolyglotDialect;
  /**
   * Whether rendering needs the binder's types. Spark SQL is the language
   * expressions are written in, so an unbound syntax tree renders to it as
   * written; other dialects translate by type.
   */
  readonly needsTypes: boolean;

  // Names, literals and types.

  /** `name` as an identifier: `order_id`, \`order id\` or `"order id"`. */
  quoteIdentifier(name: string, quoting?: IdentifierQuoting): string;
  /** A string literal whose content is `value`. */
  stringLiteral(value: string): string;
  /** A number literal with the type Spark gives it. */
  numberLiteral(value: NumberLiteral): RenderedSql;
  /** `INTERVAL 3 DAY`. */
  intervalLiteral(value: number, unit: IntervalUnit): string;
  /** A timestamp literal for a UTC time, to the second. */
  utcTimestampLiteral(time: Date): string;
  /** The type's name, as used in `CAST(x AS …)`. */
  typeName(type: SqlType): string;
  /** `CAST(sql AS type)`, or `TRY_CAST` when `safe`: no conversion rules. */
  castSql(sql: string, type: SqlType, safe?: boolean): string;

  // Expressions: the constructs whose spelling or meaning differs.

  /** `CAST(operand AS target)` as Spark converts the value. */
  cast(operand: RenderedArgument, target: SqlType, safe: boolean): string;
  /**
   * The operand converted to `type` where Spark converts it implicitly
   * (a string compared with a date), or undefined when the dialect
   * converts it the same way unasked.
   */
  implicitConversion(
    operand: RenderedArgument,
    type: SqlType,
  ): RenderedSql | undefined;
  /**
   * `left op right` for `+ - * / %`, whose result has `type` (Spark's
   * result type, which the binder computed), with Spark's value: exact
   * decimals, and an error on division by zero and on overflow.
   */
  arithmetic(
    operator: '+' | '-' | '*' | '/' | '%',
    left: RenderedArgument,
    right: RenderedArgument,
    type: SqlType,
  ): RenderedSql;
  /**
   * Spark's `left DIV right`: the quotient truncated to a bigint; division
   * by zero raises.
   */
  integralDivision(
    left: RenderedArgument,
    right: RenderedArgument,
  ): RenderedSql;
  /** `left || right`. */
  concat(left: RenderedSql, right: RenderedSql): RenderedSql;
  /** Spark's `left <=> right`: equal, with NULL equal to NULL. */
  nullSafeEquals(left: string, right: string): RenderedSql;
  /** `operand [NOT] LIKE|ILIKE pattern [ESCAPE …]`, escaping as Spark does. */
  like(
    operator: 'LIKE' | 'ILIKE',
    operand: RenderedArgument,
    pattern: RenderedArgument,
    options: { readonly negated: boolean; readonly escape?: string },
  ): RenderedSql;
  /** Spark's `value [NOT] RLIKE pattern` (a Java regular expression). */
  regexMatch(
    value: RenderedSql,
    pattern: RenderedSql,
    negated: boolean,
  ): RenderedSql;
  /**
   * Spark's `array[index]`: the element at the 0-based index; in ANSI mode
   * an index outside the array raises INVALID_ARRAY_INDEX.
   */
  subscript(array: RenderedArgument, index: RenderedArgument): RenderedSql;
  /**
   * The NULLS clause a sort key needs to put NULLs where Spark does (first
   * when ascending, last when descending) or where `explicit` says, or
   * undefined when the dialect does so without being told.
   */
  nullOrder(key: {
    readonly descending: boolean;
    readonly nulls: NullOrder;
    readonly explicit: boolean;
  }): NullOrder | undefined;
  /**
   * How each function of the default catalogue is written, by its
   * canonical name, where that is not a plain `name(args)` call.
   */
  readonly functions: Readonly<Record<string, FunctionRenderer>>;
  /** How a call of `definition` is written; a plain call when undefined. */
  functionRenderer(
    definition: FunctionDefinition,
  ): FunctionRenderer | undefined;

  // Queries and statements.

  /** The keywords of a Join gem's join type: `LEFT SEMI JOIN`. */
  joinKeyword(type: (typeof JOIN_TYPES)[number]): string;
  /** Whether `UNION ALL BY NAME` lines up columns by name. */
  readonly unionAllByName: boolean;
  /** Seconds since the epoch of a timestamp, as a number. */
  epochSeconds(sql: string): string;
  /**
   * An aggregate joining the group's strings `value` in sorted order with
   * `separator` (a rendered literal); NULL for no rows.
   */
  sortedStringAgg(value: string, separator: string): string;
  /**
   * `MERGE INTO`: rows whose keys match (a null key matching a null key)
   * get the other columns updated, the others are inserted. One line per
   * entry; the last ends the statement.
   */
  mergeStatement(parts: MergeStatementParts): string[];
  /**
   * Statements (each ending with `;`) run so that a failure leaves the
   * tables as they were, where the dialect can; as they are otherwise.
   */
  transaction(statements: readonly string[]): string[];

  // Masking.

  /** The Mask gem's default template per method (see `DEFAULT_MASK_TEMPLATES`). */
  readonly maskTemplates: Readonly<Record<MaskMethod, string>>;
  /**
   * Hash functions of the dialect outside the function catalogue that a
   * Mask template may call, in lower case.
   */
  readonly maskHashFunctions: ReadonlySet<string>;
}
