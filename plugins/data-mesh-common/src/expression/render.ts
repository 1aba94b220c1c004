/**
 * Rendering: writing an expression as SQL of a dialect, from the syntax tree
 * and the function catalogue's per-dialect mappings (never by rewriting SQL
 * text). Parentheses are added only where the dialect's precedence needs
 * them, plus around AND inside OR, for readability.
 */
import {
  assertNever,
  BinaryExpression,
  ColumnExpression,
  Expression,
  FrameBound,
  FunctionCallExpression,
  LikeExpression,
  LiteralValue,
  SortItem,
  WindowSpec,
} from './ast';
import type { BoundExpression, ResolvedColumn } from './bind';
import {
  DUCKDB_CONCAT_PRECEDENCE,
  IdentifierQuoting,
  Precedence,
  quoteIdentifier,
  renderSqlType,
  renderStringLiteral,
  SqlDialect,
} from './dialect';
import { ExpressionError } from './errors';
import {
  defaultFunctionCatalogue,
  FunctionCatalogue,
} from './functions/catalogue';
import type {
  FunctionDefinition,
  FunctionRenderContext,
  RenderedArgument,
  RenderedSql,
} from './functions/definition';
import { literalOf, literalType } from './literals';
import { isIntegralType, SqlType, SqlTypes } from './types';

/** What a column-reference hook is told about a column reference. @public */
export interface ColumnReferenceContext {
  readonly node: ColumnExpression;
  readonly dialect: SqlDialect;
  /** The qualifier as written (`in0` in `in0.id`), if any. */
  readonly qualifier?: string;
  /** The column's name: as declared in the schema when bound, else as written. */
  readonly name: string;
  /** The input and column the reference resolved to (bound expressions only). */
  readonly resolved?: ResolvedColumn;
}

/**
 * How to write a column reference: a name with an optional qualifier (both
 * quoted by the renderer as needed; `qualifier: undefined` drops it), or
 * raw SQL used as is.
 *
 * @public
 */
export type ColumnRendering =
  | { readonly qualifier?: string; readonly name: string }
  | { readonly sql: string };

/** @public */
export interface RenderOptions {
  /**
   * Rewrites column references, for example to qualify them with a CTE
   * name or to rename them. Returning undefined keeps the default: the
   * qualifier as written and the column's name.
   */
  readonly columnReference?: (
    reference: ColumnReferenceContext,
  ) => ColumnRendering | undefined;
  /** When to quote names. Default `when-needed`. */
  readonly quoteIdentifiers?: IdentifierQuoting;
  /**
   * Used for unbound expressions, to write functions under their canonical
   * names. Default {@link defaultFunctionCatalogue}.
   */
  readonly functions?: FunctionCatalogue;
  /**
   * Writes an outermost CASE with two or more branches over several lines,
   * one `WHEN … THEN …` per line indented by two spaces, as a select list
   * item is easiest to read. Default false: one line.
   */
  readonly multilineCase?: boolean;
}

const COMPARISON_OPERATORS = new Set(['=', '!=', '<', '<=', '>', '>=', '<=>']);

class Renderer {
  private readonly spark: boolean;
  private readonly functions: FunctionCatalogue;

  constructor(
    private readonly dialect: SqlDialect,
    private readonly bound: BoundExpression | undefined,
    private readonly options: RenderOptions,
    /** The expression being rendered, as opposed to its parts. */
    private readonly root?: Expression,
  ) {
    this.spark = dialect === 'spark';
    this.functions = options.functions ?? defaultFunctionCatalogue;
  }

  render(node: Expression): RenderedSql {
    const conversion = this.spark
      ? undefined
      : this.bound?.implicitCastOf(node);
    if (!conversion) return this.renderNode(node);
    // DuckDB does not convert strings to dates (or timestamps to dates)
    // implicitly where Spark does, so write the conversion out.
    const literal = literalOf(node);
    if (
      literal?.type === 'string' &&
      (conversion.kind === 'date' || conversion.kind === 'timestamp')
    ) {
      return primary(
        `${renderSqlType(conversion, this.dialect)} ${renderStringLiteral(
          literal.value,
          this.dialect,
        )}`,
      );
    }
    return primary(this.cast(this.renderNode(node).sql, conversion));
  }

  /** The node's SQL, in parentheses if it binds more loosely than `precedence`. */
  private operand(node: Expression, precedence: number): string {
    return parenthesize(this.render(node), precedence);
  }

  private renderNode(node: Expression): RenderedSql {
    switch (node.kind) {
      case 'literal':
        return this.literal(node.value);
      case 'column':
        return primary(this.column(node));
      case 'unary': {
        if (node.operator === 'NOT') {
          return {
            sql: `NOT ${this.operand(node.operand, Precedence.not)}`,
            precedence: Precedence.not,
          };
        }
        let operand = this.operand(node.operand, Precedence.unary);
        // `--` would start a comment, and Spark reads a minus before a
        // number as part of the number (`-1[0]` is `(-1)[0]`, `-(1)` is not).
        if (/^[-+0-9.]/.test(operand)) operand = `(${operand})`;
        return {
          sql: `${node.operator}${operand}`,
          precedence: Precedence.unary,
        };
      }
      case 'binary':
        return this.binary(node);
      case 'is': {
        const not = node.negated ? 'NOT ' : '';
        return predicate(
          `${this.operand(node.operand, Precedence.additive)} IS ${not}${
            node.test
          }`,
        );
      }
      case 'in': {
        const items = node.list.map(item => this.render(item).sql).join(', ');
        const not = node.negated ? 'NOT ' : '';
        return predicate(
          `${this.operand(
            node.operand,
            Precedence.additive,
          )} ${not}IN (${items})`,
        );
      }
      case 'between': {
        const not = node.negated ? 'NOT ' : '';
        return predicate(
          `${this.operand(
            node.operand,
            Precedence.additive,
          )} ${not}BETWEEN ${this.operand(
            node.low,
            Precedence.additive,
          )} AND ${this.operand(node.high, Precedence.additive)}`,
        );
      }
      case 'like':
        return this.like(node);
      case 'case': {
        const multiline =
          this.options.multilineCase &&
          node === this.root &&
          node.branches.length >= 2;
        const separator = multiline ? '\n  ' : ' ';
        let sql = 'CASE';
        if (node.operand) sql += ` ${this.render(node.operand).sql}`;
        for (const branch of node.branches) {
          sql += `${separator}WHEN ${this.render(branch.when).sql} THEN ${
            this.render(branch.then).sql
          }`;
        }
        if (node.otherwise) {
          sql += `${separator}ELSE ${this.render(node.otherwise).sql}`;
        }
        return primary(`${sql}${multiline ? '\n' : ' '}END`);
      }
      case 'cast': {
        const operand = this.render(node.operand).sql;
        const target = node.target.type;
        if (!this.spark) {
          const from = this.bound?.typeOf(node.operand);
          // Spark truncates fractions when casting to an integer type,
          // DuckDB rounds them.
          if (
            (from?.kind === 'double' || from?.kind === 'decimal') &&
            isIntegralType(target)
          ) {
            return primary(this.cast(`trunc(${operand})`, target, node.safe));
          }
        }
        return primary(this.cast(operand, target, node.safe));
      }
      case 'call':
        return this.call(node);
      case 'subscript': {
        const array = this.operand(node.operand, Precedence.postfix);
        // Spark's arr[i] counts from 0, DuckDB's from 1.
        const index = this.spark
          ? this.render(node.index).sql
          : this.oneBasedIndex(node.index);
        return { sql: `${array}[${index}]`, precedence: Precedence.postfix };
      }
      default:
        return assertNever(node);
    }
  }

  private literal(value: LiteralValue): RenderedSql {
    const negative = 'text' in value && value.text.startsWith('-');
    const numberPrecedence =
      negative && !this.spark ? Precedence.unary : Precedence.primary;
    switch (value.type) {
      case 'null':
        return primary('NULL');
      case 'boolean':
        return primary(value.value ? 'TRUE' : 'FALSE');
      case 'string':
        return primary(renderStringLiteral(value.value, this.dialect));
      case 'date':
        return primary(
          `DATE ${renderStringLiteral(value.value, this.dialect)}`,
        );
      case 'timestamp':
        return primary(
          `TIMESTAMP ${renderStringLiteral(value.value, this.dialect)}`,
        );
      case 'interval':
        // DuckDB does not read a sign before the interval's number.
        return primary(
          this.spark || value.value >= 0
            ? `INTERVAL ${value.value} ${value.unit}`
            : `INTERVAL '${value.value}' ${value.unit}`,
        );
      case 'integer':
      case 'decimal':
      case 'double': {
        if (this.spark) return primary(`${value.text}${value.suffix ?? ''}`);
        // DuckDB has no suffixes; it types plain literals as Spark does,
        // except for the few cases a suffix or size decides.
        const type = literalType(value);
        return isPlainDuckDbNumber(value, type)
          ? { sql: value.text, precedence: numberPrecedence }
          : primary(this.cast(value.text, type));
      }
      default:
        return assertNever(value);
    }
  }

  private column(node: ColumnExpression): string {
    const resolved = this.bound?.columnOf(node);
    const reference = {
      node,
      dialect: this.dialect,
      qualifier: node.qualifier?.value,
      name: resolved?.column ?? node.name.value,
      resolved,
    };
    const rendering: ColumnRendering = this.options.columnReference?.(
      reference,
    ) ?? {
      qualifier: reference.qualifier,
      name: reference.name,
    };
    if ('sql' in rendering) return rendering.sql;
    const name = this.quote(rendering.name);
    return rendering.qualifier === undefined
      ? name
      : `${this.quote(rendering.qualifier)}.${name}`;
  }

  private binary(node: BinaryExpression): RenderedSql {
    const { operator } = node;
    if (operator === 'AND' || operator === 'OR') {
      const precedence = operator === 'AND' ? Precedence.and : Precedence.or;
      // AND inside OR is parenthesised for readability.
      const side = (child: Expression, min: number) =>
        operator === 'OR' && child.kind === 'binary' && child.operator === 'AND'
          ? `(${this.render(child).sql})`
          : this.operand(child, min);
      return {
        sql: `${side(node.left, precedence)} ${operator} ${side(
          node.right,
          precedence + 1,
        )}`,
        precedence,
      };
    }
    if (COMPARISON_OPERATORS.has(operator)) {
      // Comparisons are not chained without parentheses: DuckDB rejects
      // `a = b = c`.
      const left = this.operand(node.left, Precedence.additive);
      const right = this.operand(node.right, Precedence.additive);
      if (operator === '<=>' && !this.spark) {
        return predicate(`${left} IS NOT DISTINCT FROM ${right}`);
      }
      return {
        sql: `${left} ${operator} ${right}`,
        precedence: Precedence.comparison,
      };
    }
    if (operator === '||') {
      if (this.spark) {
        const precedence = Precedence.additive;
        return {
          sql: `${this.operand(node.left, precedence)} || ${this.operand(
            node.right,
            precedence + 1,
          )}`,
          precedence,
        };
      }
      // DuckDB's + and - bind more tightly than ||; parenthesise them anyway
      // so the SQL reads the same as in Spark.
      const isConcat = (side: Expression) =>
        side.kind === 'binary' && side.operator === '||';
      const left = this.operand(
        node.left,
        isConcat(node.left)
          ? DUCKDB_CONCAT_PRECEDENCE
          : Precedence.multiplicative,
      );
      return {
        sql: `${left} || ${this.operand(
          node.right,
          Precedence.multiplicative,
        )}`,
        precedence: DUCKDB_CONCAT_PRECEDENCE,
      };
    }
    if (operator === 'DIV') return this.integralDivision(node);
    const precedence =
      operator === '+' || operator === '-'
        ? Precedence.additive
        : Precedence.multiplicative;
    const sql = `${this.operand(
      node.left,
      precedence,
    )} ${operator} ${this.operand(node.right, precedence + 1)}`;
    const type = this.bound?.typeOf(node);
    if (!this.spark && type?.kind === 'date' && this.hasIntervalOperand(node)) {
      // DuckDB's date ± interval is a timestamp; Spark's is a date.
      return primary(this.cast(sql, SqlTypes.date));
    }
    return { sql, precedence };
  }

  private hasIntervalOperand(node: BinaryExpression): boolean {
    return [node.left, node.right].some(
      side => this.bound?.typeOf(side).kind === 'interval',
    );
  }

  private integralDivision(node: BinaryExpression): RenderedSql {
    const precedence = Precedence.multiplicative;
    const left = this.operand(node.left, precedence);
    const right = this.operand(node.right, precedence + 1);
    if (this.spark) return { sql: `${left} DIV ${right}`, precedence };
    const integral = [node.left, node.right].every(side => {
      const type = this.bound?.typeOf(side);
      return type && (isIntegralType(type) || type.kind === 'null');
    });
    // DuckDB's // divides decimals exactly; Spark's DIV truncates to bigint.
    return integral
      ? { sql: `${left} // ${right}`, precedence }
      : primary(this.cast(`trunc(${left} / ${right})`, SqlTypes.bigint));
  }

  private like(node: LikeExpression): RenderedSql {
    const operand = this.operand(node.operand, Precedence.additive);
    const pattern = this.operand(node.pattern, Precedence.additive);
    if (node.operator === 'RLIKE' && !this.spark) {
      const call = `regexp_matches(${this.render(node.operand).sql}, ${
        this.render(node.pattern).sql
      })`;
      return node.negated
        ? { sql: `NOT ${call}`, precedence: Precedence.not }
        : primary(call);
    }
    const not = node.negated ? 'NOT ' : '';
    let sql = `${operand} ${not}${node.operator} ${pattern}`;
    let escape = node.escape;
    if (!this.spark && escape === undefined) {
      // Spark's LIKE escapes with a backslash by default, DuckDB's not at all.
      const literal = literalOf(node.pattern);
      if (!(literal?.type === 'string' && !literal.value.includes('\\')))
        escape = '\\';
    }
    if (escape !== undefined)
      sql += ` ESCAPE ${renderStringLiteral(escape, this.dialect)}`;
    return predicate(sql);
  }

  private call(node: FunctionCallExpression): RenderedSql {
    const definition = this.bound
      ? this.bound.functionOf(node)
      : this.functions.lookup(node.name.value);
    const name = definition?.name ?? node.name.value.toLowerCase();
    const args: RenderedArgument[] = node.args.map(arg => this.argument(arg));
    const over = node.window ? ` OVER (${this.windowSpec(node.window)})` : '';
    let overUsed = false;
    const context: FunctionRenderContext = {
      dialect: this.dialect,
      name: node.name.value.toLowerCase(),
      args,
      distinct: node.distinct,
      star: node.star,
      resultType: this.bound?.typeOf(node) ?? SqlTypes.unknown,
      call: (
        callName,
        callArgs = args.map(arg => arg.sql),
        callOptions = {},
      ) => {
        overUsed = true;
        const distinct =
          callOptions.distinct ?? node.distinct ? 'DISTINCT ' : '';
        const list = node.star ? '*' : callArgs.join(', ');
        const filter = callOptions.filter
          ? ` FILTER (WHERE ${callOptions.filter})`
          : '';
        return `${this.functionName(
          callName,
        )}(${distinct}${list})${filter}${over}`;
      },
      fail: (message, argument) => {
        const at = argument === undefined ? node : node.args[argument];
        throw new ExpressionError({
          code: 'unsupported',
          reason: message,
          span: at.span,
        });
      },
    };
    const renderer = this.rendererOf(definition);
    const result = renderer ? renderer(context) : context.call(name);
    if (over && !overUsed) {
      throw new Error(
        `the ${this.dialect} rendering of ${name} dropped its OVER clause`,
      );
    }
    return typeof result === 'string' ? primary(result) : result;
  }

  private rendererOf(definition: FunctionDefinition | undefined) {
    if (!definition) return undefined;
    return this.spark ? definition.render?.spark : definition.render?.duckdb;
  }

  private functionName(name: string): string {
    // Names from the catalogue are plain; quote anything else (a UDF).
    return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : this.quote(name);
  }

  private argument(node: Expression): RenderedArgument {
    const rendered = this.render(node);
    return {
      ...rendered,
      type: this.bound?.typeOf(node) ?? SqlTypes.unknown,
      literal: literalOf(node),
      operand: precedence => parenthesize(rendered, precedence),
    };
  }

  private windowSpec(window: WindowSpec): string {
    const parts: string[] = [];
    if (window.partitionBy.length) {
      parts.push(
        `PARTITION BY ${window.partitionBy
          .map(e => this.render(e).sql)
          .join(', ')}`,
      );
    }
    if (window.orderBy.length) {
      const items = window.orderBy.map(item => {
        let sql = this.render(item.expression).sql;
        if (item.direction) sql += ` ${item.direction}`;
        // Spark sorts NULLs first when ascending; DuckDB last unless told.
        const nulls =
          item.nulls ?? (this.spark ? undefined : sparkDefaultNulls(item));
        if (nulls) sql += ` NULLS ${nulls}`;
        return sql;
      });
      parts.push(`ORDER BY ${items.join(', ')}`);
    }
    const { frame } = window;
    if (frame) {
      parts.push(
        frame.end
          ? `${frame.unit} BETWEEN ${this.frameBound(
              frame.start,
            )} AND ${this.frameBound(frame.end)}`
          : `${frame.unit} ${this.frameBound(frame.start)}`,
      );
    }
    return parts.join(' ');
  }

  private frameBound(bound: FrameBound): string {
    return bound.offset
      ? `${this.operand(bound.offset, Precedence.additive)} ${bound.kind}`
      : bound.kind;
  }

  /** `index + 1`, computed when the index is a literal. */
  private oneBasedIndex(index: Expression): string {
    const literal = literalOf(index);
    if (literal?.type === 'integer') return String(BigInt(literal.text) + 1n);
    return `${this.operand(index, Precedence.additive)} + 1`;
  }

  private cast(sql: string, type: SqlType, safe = false): string {
    return `${safe ? 'TRY_CAST' : 'CAST'}(${sql} AS ${renderSqlType(
      type,
      this.dialect,
    )})`;
  }

  private quote(name: string): string {
    return quoteIdentifier(name, this.dialect, this.options.quoteIdentifiers);
  }
}

/**
 * Whether DuckDB gives a number literal written without a suffix the type
 * Spark gives it: exponents are doubles and points decimals in both, and
 * whole numbers are int or bigint by size in both.
 */
function isPlainDuckDbNumber(
  value: Extract<LiteralValue, { text: string }>,
  type: SqlType,
): boolean {
  if (value.type === 'double') return /[eE]/.test(value.text);
  if (value.type === 'decimal') return value.text.includes('.');
  return type.kind === 'int' || (type.kind === 'bigint' && !value.suffix);
}

/** Where Spark sorts NULLs unless told: first ascending, last descending. */
function sparkDefaultNulls(item: SortItem): 'FIRST' | 'LAST' {
  return item.direction === 'DESC' ? 'LAST' : 'FIRST';
}

function primary(sql: string): RenderedSql {
  return { sql, precedence: Precedence.primary };
}

function predicate(sql: string): RenderedSql {
  return { sql, precedence: Precedence.predicate };
}

function parenthesize(rendered: RenderedSql, precedence: number): string {
  return rendered.precedence >= precedence ? rendered.sql : `(${rendered.sql})`;
}

/**
 * Writes an expression as SQL of `dialect`.
 *
 * A bound expression renders to both dialects; the DuckDB rendering needs
 * the types the binder found (to translate casts, implicit conversions and
 * type-dependent functions), so an unbound syntax tree renders to Spark
 * only.
 *
 * @throws ExpressionError (`unsupported`) when a construct has no faithful
 * rendering in the dialect.
 * @public
 */
export function renderExpression(
  expression: BoundExpression,
  dialect: SqlDialect,
  options?: RenderOptions,
): string;
/** @public */
export function renderExpression(
  expression: Expression,
  dialect: 'spark',
  options?: RenderOptions,
): string;
export function renderExpression(
  expression: Expression | BoundExpression,
  dialect: SqlDialect,
  options: RenderOptions = {},
): string {
  const bound = 'expression' in expression ? expression : undefined;
  const root = bound ? bound.expression : (expression as Expression);
  if (!bound && dialect !== 'spark') {
    throw new Error(
      'rendering to DuckDB needs a bound expression (bindExpression)',
    );
  }
  return new Renderer(dialect, bound, options, root).render(root).sql;
}

/**
 * The canonical Spark SQL form of an expression, as shown in lineage and
 * docs: keywords in upper case, functions in lower case under their
 * canonical names, names quoted only where needed, minimal parentheses.
 *
 * @public
 */
export function formatExpression(
  expression: Expression | BoundExpression,
  options?: RenderOptions,
): string {
  return 'expression' in expression
    ? renderExpression(expression, 'spark', options)
    : renderExpression(expression, 'spark', options);
}
