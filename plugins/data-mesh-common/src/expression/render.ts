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
import { sqlDialect } from '../dialect';
import type { IdentifierQuoting, SqlDialect, SqlDialectName } from '../dialect';
import { UnsupportedRendering } from '../dialect/duckdbNumbers';
import type { BoundExpression, ResolvedColumn } from './bind';
import { ExpressionError } from './errors';
import {
  defaultFunctionCatalogue,
  FunctionCatalogue,
} from './functions/catalogue';
import type {
  FunctionRenderContext,
  RenderedArgument,
  RenderedSql,
} from './functions/definition';
import { literalOf } from './literals';
import { parenthesize, Precedence, predicate, primary } from './precedence';
import { SqlTypes } from './types';

/** What a column-reference hook is told about a column reference. @public */
export interface ColumnReferenceContext {
  readonly node: ColumnExpression;
  readonly dialect: SqlDialectName;
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

type ArithmeticOperator = Parameters<SqlDialect['arithmetic']>[0];

const ARITHMETIC_OPERATORS: ReadonlySet<string> = new Set<ArithmeticOperator>([
  '+',
  '-',
  '*',
  '/',
  '%',
]);

function isArithmetic(operator: string): operator is ArithmeticOperator {
  return ARITHMETIC_OPERATORS.has(operator);
}

/**
 * Writes the syntax tree; everything that differs between dialects is
 * asked of the dialect object.
 */
class Renderer {
  private readonly functions: FunctionCatalogue;

  constructor(
    private readonly dialect: SqlDialect,
    private readonly bound: BoundExpression | undefined,
    private readonly options: RenderOptions,
    /** The expression being rendered, as opposed to its parts. */
    private readonly root?: Expression,
  ) {
    this.functions = options.functions ?? defaultFunctionCatalogue;
  }

  render(node: Expression): RenderedSql {
    const rendered = this.renderNode(node);
    const conversion = this.bound?.implicitCastOf(node);
    if (!conversion) return rendered;
    return (
      this.dialect.implicitConversion(
        this.argument(node, rendered),
        conversion,
      ) ?? rendered
    );
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
      case 'cast':
        return primary(
          this.dialect.cast(
            this.argument(node.operand),
            node.target.type,
            node.safe,
          ),
        );
      case 'call':
        return this.call(node);
      case 'subscript':
        return this.dialect.subscript(
          this.argument(node.operand),
          this.argument(node.index),
        );
      default:
        return assertNever(node);
    }
  }

  private literal(value: LiteralValue): RenderedSql {
    const { dialect } = this;
    switch (value.type) {
      case 'null':
        return primary('NULL');
      case 'boolean':
        return primary(value.value ? 'TRUE' : 'FALSE');
      case 'string':
        return primary(dialect.stringLiteral(value.value));
      case 'date':
        return primary(`DATE ${dialect.stringLiteral(value.value)}`);
      case 'timestamp':
        return primary(`TIMESTAMP ${dialect.stringLiteral(value.value)}`);
      case 'interval':
        return primary(dialect.intervalLiteral(value.value, value.unit));
      case 'integer':
      case 'decimal':
      case 'double':
        return dialect.numberLiteral(value);
      default:
        return assertNever(value);
    }
  }

  private column(node: ColumnExpression): string {
    // A parameter marker is written as Databricks SQL writes it; back ends
    // that cannot take markers replace parameters before rendering.
    if (node.parameter) return `:${node.name.value}`;
    const resolved = this.bound?.columnOf(node);
    const reference = {
      node,
      dialect: this.dialect.name,
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
    const left = this.argument(node.left);
    const right = this.argument(node.right);
    if (operator === '||') return this.dialect.concat(left, right);
    if (operator === 'DIV') {
      return this.refusedAt(node, () =>
        this.dialect.integralDivision(left, right),
      );
    }
    if (isArithmetic(operator)) {
      return this.refusedAt(node, () =>
        this.dialect.arithmetic(
          operator,
          left,
          right,
          this.bound?.typeOf(node) ?? SqlTypes.unknown,
        ),
      );
    }
    // Comparisons are not chained without parentheses: DuckDB rejects
    // `a = b = c`.
    const l = left.operand(Precedence.additive);
    const r = right.operand(Precedence.additive);
    if (operator === '<=>') return this.dialect.nullSafeEquals(l, r);
    return {
      sql: `${l} ${operator} ${r}`,
      precedence: Precedence.comparison,
    };
  }

  /**
   * The dialect's rendering, with a construct it cannot compute as Spark
   * does reported as an `unsupported` error at the node.
   */
  private refusedAt<T>(node: Expression, render: () => T): T {
    try {
      return render();
    } catch (error) {
      if (!(error instanceof UnsupportedRendering)) throw error;
      throw new ExpressionError({
        code: 'unsupported',
        reason: error.message,
        span: node.span,
      });
    }
  }

  private like(node: LikeExpression): RenderedSql {
    const { operator, negated } = node;
    if (operator === 'RLIKE') {
      return this.dialect.regexMatch(
        this.render(node.operand),
        this.render(node.pattern),
        negated,
      );
    }
    return this.dialect.like(
      operator,
      this.argument(node.operand),
      this.argument(node.pattern),
      { negated, escape: node.escape },
    );
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
    const renderer = definition && this.dialect.functionRenderer(definition);
    const result = renderer
      ? this.refusedAt(node, () => renderer(context))
      : context.call(name);
    if (over && !overUsed) {
      throw new Error(
        `the ${this.dialect.name} rendering of ${name} dropped its OVER clause`,
      );
    }
    return typeof result === 'string' ? primary(result) : result;
  }

  private functionName(name: string): string {
    // Names from the catalogue are plain; quote anything else (a UDF).
    return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : this.quote(name);
  }

  /** The node rendered (unless it already is), with its type and value. */
  private argument(
    node: Expression,
    rendered = this.render(node),
  ): RenderedArgument {
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
        const nulls = this.dialect.nullOrder({
          descending: item.direction === 'DESC',
          nulls: item.nulls ?? sparkDefaultNulls(item),
          explicit: item.nulls !== undefined,
        });
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

  private quote(name: string): string {
    return this.dialect.quoteIdentifier(name, this.options.quoteIdentifiers);
  }
}

/** Where Spark sorts NULLs unless told: first ascending, last descending. */
function sparkDefaultNulls(item: SortItem): 'FIRST' | 'LAST' {
  return item.direction === 'DESC' ? 'LAST' : 'FIRST';
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
  dialect: SqlDialectName,
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
  dialectName: SqlDialectName,
  options: RenderOptions = {},
): string {
  const dialect = sqlDialect(dialectName);
  const bound = 'expression' in expression ? expression : undefined;
  const root = bound ? bound.expression : (expression as Expression);
  if (!bound && dialect.needsTypes) {
    throw new Error(
      `rendering to ${dialect.displayName} needs a bound expression (bindExpression)`,
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
