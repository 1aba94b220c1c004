/**
 * Binding: resolving an expression's names against the schemas of its
 * inputs, and type checking it the way Spark would.
 *
 * The binder leaves the syntax tree untouched and records what it learns
 * about each node (type, resolved column, function, implicit conversion) in
 * a {@link BoundExpression}, which the renderers and lineage read.
 */
import {
  assertNever,
  BetweenExpression,
  BinaryExpression,
  CaseExpression,
  CastExpression,
  ColumnExpression,
  Expression,
  FrameBound,
  FunctionCallExpression,
  InExpression,
  LikeExpression,
  SubscriptExpression,
  UnaryExpression,
  WindowSpec,
} from './ast';
import { ExpressionError, ExpressionErrorCode, quoted } from './errors';
import {
  FunctionCatalogue,
  defaultFunctionCatalogue,
} from './functions/catalogue';
import type { ArgumentInfo, FunctionDefinition } from './functions/definition';
import { javaRegexProblem } from './functions/javaRegex';
import { literalOf, literalType, numericValueOf } from './literals';
import {
  areNumeric,
  numericResultType,
  Operand,
  shiftedDatetimeType,
} from './operatorTypes';
import { resolveParameter } from './parameters';
import { didYouMean, resolveColumn } from './resolveNames';
import type { BindingScope } from './scope';
import { matchSignatures } from './signatureMatching';
import type { SourceSpan } from './span';
import { stringPromotion } from './stringPromotion';
import { suggestNames } from './suggest';
import { canCast, commonSupertype, comparisonCoercion } from './typeRules';
import {
  formatSqlType,
  isNarrowIntegerType,
  isNumericType,
  isWildcardType,
  SqlType,
  SqlTypes,
  sqlTypesEqual,
} from './types';

/** @public */
export interface BindOptions {
  /** The functions expressions may call. Default {@link defaultFunctionCatalogue}. */
  readonly functions?: FunctionCatalogue;
  /** Whether aggregate functions are allowed (outside OVER). Default true. */
  readonly allowAggregates?: boolean;
  /** Whether window functions and OVER clauses are allowed. Default true. */
  readonly allowWindows?: boolean;
  /**
   * How messages name where the expression is used, as in "aggregate
   * functions are not allowed in a Filter condition". Default
   * "this expression".
   */
  readonly usedIn?: string;
}

/** A column reference resolved to the input and column it reads. @public */
export interface ResolvedColumn {
  /** The input's alias, as declared in the scope. */
  readonly input: string;
  /** The column's name, as declared in the input's schema. */
  readonly column: string;
  readonly type: SqlType;
}

/**
 * A type-checked expression: the syntax tree plus what the binder learnt
 * about each of its nodes.
 *
 * @public
 */
export interface BoundExpression {
  readonly expression: Expression;
  /** The type of the expression's value. */
  readonly type: SqlType;
  /** Whether it calls an aggregate function outside an OVER clause. */
  readonly isAggregate: boolean;
  /** Whether it calls a window function (anything with OVER). */
  readonly isWindow: boolean;
  /** False when the value depends on more than the row (time, row order). */
  readonly isDeterministic: boolean;
  /** Every column read, once each, in order of first appearance. */
  readonly columns: readonly ResolvedColumn[];
  /**
   * The columns read outside any aggregate function. In an aggregation,
   * each of these must be a grouping key.
   */
  readonly columnsOutsideAggregates: readonly ResolvedColumn[];
  /** The type of a node of {@link BoundExpression.expression}. */
  typeOf(node: Expression): SqlType;
  /** The column a column node reads. */
  columnOf(node: ColumnExpression): ResolvedColumn | undefined;
  /** The catalogue function a call node calls. */
  functionOf(node: FunctionCallExpression): FunctionDefinition | undefined;
  /**
   * The type Spark implicitly converts a node's value to (a string compared
   * with a date, a timestamp passed as a date), if it does. DuckDB needs
   * these conversions written out.
   */
  implicitCastOf(node: Expression): SqlType | undefined;
}

/** Where in the tree the binder is. */
interface BindContext {
  /** The enclosing aggregate function (called without OVER). */
  readonly aggregate?: string;
  /** The enclosing window function call. */
  readonly window?: string;
}

const TOP: BindContext = {};

class Binder {
  private readonly functions: FunctionCatalogue;
  private readonly usedIn: string;
  private readonly types = new Map<Expression, SqlType>();
  private readonly resolvedColumns = new Map<
    ColumnExpression,
    ResolvedColumn
  >();
  private readonly calledFunctions = new Map<
    FunctionCallExpression,
    FunctionDefinition
  >();
  private readonly implicitCasts = new Map<Expression, SqlType>();
  private readonly columns: ResolvedColumn[] = [];
  private readonly columnsOutsideAggregates: ResolvedColumn[] = [];
  private isAggregate = false;
  private isWindow = false;
  private isDeterministic = true;

  constructor(
    private readonly scope: BindingScope,
    private readonly options: BindOptions,
  ) {
    this.functions = options.functions ?? defaultFunctionCatalogue;
    this.usedIn = options.usedIn ?? 'this expression';
  }

  bindRoot(expression: Expression): BoundExpression {
    const type = this.value(expression, TOP);
    const { types, resolvedColumns, calledFunctions, implicitCasts } = this;
    return {
      expression,
      type,
      isAggregate: this.isAggregate,
      isWindow: this.isWindow,
      isDeterministic: this.isDeterministic,
      columns: this.columns,
      columnsOutsideAggregates: this.columnsOutsideAggregates,
      typeOf: node => types.get(node) ?? SqlTypes.unknown,
      columnOf: node => resolvedColumns.get(node),
      functionOf: node => calledFunctions.get(node),
      implicitCastOf: node => implicitCasts.get(node),
    };
  }

  /** Binds a node whose value is used as such: intervals are not values. */
  private value(node: Expression, context: BindContext): SqlType {
    const type = this.bind(node, context);
    if (type.kind === 'interval') {
      this.fail(
        'type',
        'an interval can only be added to or subtracted from a date or timestamp',
        node.span,
      );
    }
    return type;
  }

  private bind(node: Expression, context: BindContext): SqlType {
    const type = this.infer(node, context);
    this.types.set(node, type);
    return type;
  }

  private infer(node: Expression, context: BindContext): SqlType {
    switch (node.kind) {
      case 'literal':
        return literalType(node.value);
      case 'column':
        return this.column(node, context);
      case 'unary':
        return this.unary(node, context);
      case 'binary':
        return this.binary(node, context);
      case 'is': {
        const type = this.value(node.operand, context);
        if (node.test !== 'NULL')
          this.expectBoolean(type, node.operand, `IS ${node.test}`);
        return SqlTypes.boolean;
      }
      case 'in':
        return this.in(node, context);
      case 'between':
        return this.between(node, context);
      case 'like':
        return this.like(node, context);
      case 'case':
        return this.case(node, context);
      case 'cast':
        return this.cast(node, context);
      case 'call':
        return this.call(node, context);
      case 'subscript':
        return this.subscript(node, context);
      default:
        return assertNever(node);
    }
  }

  // -------------------------------------------------------------------
  // Columns

  private column(node: ColumnExpression, context: BindContext): SqlType {
    // A parameter is a constant of the run, not a column: no lineage, and
    // an aggregation needs no grouping by it.
    if (node.parameter) return resolveParameter(this.scope, node);
    const resolved = resolveColumn(this.scope, node);
    this.resolvedColumns.set(node, resolved);
    addOnce(this.columns, resolved);
    if (!context.aggregate) addOnce(this.columnsOutsideAggregates, resolved);
    return resolved.type;
  }

  // -------------------------------------------------------------------
  // Operators

  private unary(node: UnaryExpression, context: BindContext): SqlType {
    if (node.operator === 'NOT') {
      const type = this.value(node.operand, context);
      this.expectBoolean(type, node.operand, 'NOT');
      return SqlTypes.boolean;
    }
    const type = this.bind(node.operand, context);
    if (isNumericType(type) || isWildcardType(type)) return type;
    if (type.kind === 'interval' && node.operator === '-') return type;
    return this.fail(
      'type',
      `unary ${node.operator} needs a number but got ${formatSqlType(type)}`,
      node.operand.span,
    );
  }

  private binary(node: BinaryExpression, context: BindContext): SqlType {
    switch (node.operator) {
      case 'AND':
      case 'OR': {
        const left = this.value(node.left, context);
        const right = this.value(node.right, context);
        this.expectBoolean(left, node.left, node.operator);
        this.expectBoolean(right, node.right, node.operator);
        return SqlTypes.boolean;
      }
      case '=':
      case '!=':
      case '<':
      case '<=':
      case '>':
      case '>=':
      case '<=>':
        this.comparison(node.left, node.right, context, node.operator);
        return SqlTypes.boolean;
      case '+':
      case '-':
        return this.additive(node, context);
      case '*':
      case '/':
      case '%':
        return this.multiplicative(node, context);
      case 'DIV': {
        const left = this.value(node.left, context);
        const right = this.value(node.right, context);
        for (const [type, operand] of [
          [left, node.left],
          [right, node.right],
        ] as const) {
          if (
            !isWildcardType(type) &&
            !(isNumericType(type) && type.kind !== 'double')
          ) {
            this.fail(
              'type',
              `DIV needs integers or decimals but got ${formatSqlType(type)}`,
              operand.span,
            );
          }
        }
        return SqlTypes.bigint;
      }
      case '||':
        return this.concatenation(node, context);
      default:
        return assertNever(node.operator);
    }
  }

  /** Binds two values that are compared with each other. */
  private comparison(
    leftNode: Expression,
    rightNode: Expression,
    context: BindContext,
    what: string,
  ): void {
    const left = this.value(leftNode, context);
    const right = this.value(rightNode, context);
    this.checkComparable(leftNode, left, rightNode, right, what);
  }

  /** Checks that two values can be compared, noting implicit conversions. */
  private checkComparable(
    leftNode: Expression,
    left: SqlType,
    rightNode: Expression,
    right: SqlType,
    what: string,
  ): void {
    const coercion =
      comparisonCoercion(left, right) ?? stringPromotion(left, right);
    if (!coercion) {
      this.fail(
        'type',
        `cannot compare ${formatSqlType(left)} with ${formatSqlType(
          right,
        )} (${what}); use CAST to convert one side`,
        rightNode.span,
      );
    }
    if (coercion.convertLeft)
      this.implicitCasts.set(leftNode, coercion.convertLeft);
    if (coercion.convertRight)
      this.implicitCasts.set(rightNode, coercion.convertRight);
  }

  /** `+` and `-`: numbers, or dates and timestamps shifted by days or intervals. */
  private additive(node: BinaryExpression, context: BindContext): SqlType {
    const left = this.bind(node.left, context);
    const right = this.bind(node.right, context);
    const operator = node.operator as '+' | '-';
    if (left.kind === 'unknown' || right.kind === 'unknown')
      return SqlTypes.unknown;
    if (areNumeric(left, right)) {
      return numericResultType(operator, ...this.operands(node, left, right));
    }
    const shifted = shiftedDatetimeType(operator, left, right);
    if (shifted) return shifted;
    if (left.kind === 'date' && right.kind === 'date' && operator === '-') {
      return this.fail(
        'type',
        'subtracting dates is not supported; use datediff(end, start)',
        node.span,
      );
    }
    const hint =
      left.kind === 'string' || right.kind === 'string'
        ? '; use concat(…) or || to join strings'
        : '';
    return this.fail(
      'type',
      `cannot apply ${operator} to ${formatSqlType(left)} and ${formatSqlType(
        right,
      )}${hint}`,
      node.span,
    );
  }

  private multiplicative(
    node: BinaryExpression,
    context: BindContext,
  ): SqlType {
    const left = this.value(node.left, context);
    const right = this.value(node.right, context);
    for (const [type, operand] of [
      [left, node.left],
      [right, node.right],
    ] as const) {
      if (!isNumericType(type) && !isWildcardType(type)) {
        this.fail(
          'type',
          `${node.operator} needs numbers but got ${formatSqlType(type)}`,
          operand.span,
        );
      }
    }
    if (left.kind === 'unknown' || right.kind === 'unknown')
      return SqlTypes.unknown;
    return numericResultType(
      node.operator as '*' | '/' | '%',
      ...this.operands(node, left, right),
    );
  }

  private operands(
    node: BinaryExpression,
    left: SqlType,
    right: SqlType,
  ): [Operand, Operand] {
    return [
      { type: left, literal: literalOf(node.left) },
      { type: right, literal: literalOf(node.right) },
    ];
  }

  /** `||`: strings (other scalars are converted), or arrays. */
  private concatenation(node: BinaryExpression, context: BindContext): SqlType {
    const left = this.value(node.left, context);
    const right = this.value(node.right, context);
    if (left.kind === 'array' || right.kind === 'array') {
      const common = commonSupertype(left, right);
      if (common?.kind === 'array') return common;
      return this.fail(
        'type',
        `|| joins two strings or two arrays, not ${formatSqlType(
          left,
        )} and ${formatSqlType(right)}`,
        node.span,
      );
    }
    return SqlTypes.string;
  }

  private expectBoolean(type: SqlType, node: Expression, what: string): void {
    if (type.kind !== 'boolean' && !isWildcardType(type)) {
      this.fail(
        'type',
        `${what} needs a boolean but got ${formatSqlType(type)}`,
        node.span,
      );
    }
  }

  // -------------------------------------------------------------------
  // Predicates

  private in(node: InExpression, context: BindContext): SqlType {
    const operand = this.value(node.operand, context);
    const what = node.negated ? 'NOT IN' : 'IN';
    for (const item of node.list) {
      const type = this.value(item, context);
      this.checkComparable(node.operand, operand, item, type, what);
    }
    return SqlTypes.boolean;
  }

  private between(node: BetweenExpression, context: BindContext): SqlType {
    const operand = this.value(node.operand, context);
    for (const bound of [node.low, node.high]) {
      const type = this.value(bound, context);
      this.checkComparable(node.operand, operand, bound, type, 'BETWEEN');
    }
    return SqlTypes.boolean;
  }

  private like(node: LikeExpression, context: BindContext): SqlType {
    for (const operand of [node.operand, node.pattern]) {
      const type = this.value(operand, context);
      if (type.kind !== 'string' && !isWildcardType(type)) {
        this.fail(
          'type',
          `${node.operator} needs strings but got ${formatSqlType(type)}`,
          operand.span,
        );
      }
    }
    const pattern = literalOf(node.pattern);
    if (node.operator === 'RLIKE' && pattern?.type === 'string') {
      const problem = javaRegexProblem(pattern.value);
      if (problem) this.fail('unsupported', problem, node.pattern.span);
    }
    return SqlTypes.boolean;
  }

  private case(node: CaseExpression, context: BindContext): SqlType {
    const operand = node.operand && this.value(node.operand, context);
    for (const branch of node.branches) {
      if (node.operand && operand) {
        const type = this.value(branch.when, context);
        this.checkComparable(
          node.operand,
          operand,
          branch.when,
          type,
          'CASE … WHEN',
        );
      } else {
        this.expectBoolean(
          this.value(branch.when, context),
          branch.when,
          'WHEN',
        );
      }
    }
    let result: SqlType = SqlTypes.null;
    const results = [
      ...node.branches.map(branch => branch.then),
      ...(node.otherwise ? [node.otherwise] : []),
    ];
    const narrowResults: Array<[Expression, SqlType]> = [];
    for (const resultNode of results) {
      const type = this.value(resultNode, context);
      if (isNarrowIntegerType(type)) narrowResults.push([resultNode, type]);
      const common = commonSupertype(result, type);
      if (!common) {
        return this.fail(
          'type',
          `CASE results have incompatible types ${formatSqlType(
            result,
          )} and ${formatSqlType(type)}`,
          resultNode.span,
        );
      }
      result = common;
    }
    // Spark widens a tinyint or smallint result to the CASE's type; DuckDB
    // narrows an integer literal next to it instead (THEN 1Y ELSE 2 END is
    // a TINYINT there), so the widening is written out.
    for (const [resultNode, type] of narrowResults) {
      if (isNumericType(result) && !sqlTypesEqual(type, result)) {
        this.implicitCasts.set(resultNode, result);
      }
    }
    return result;
  }

  private cast(node: CastExpression, context: BindContext): SqlType {
    const from = this.value(node.operand, context);
    const to = node.target.type;
    if (!canCast(from, to)) {
      this.fail(
        'type',
        `cannot cast ${formatSqlType(from)} to ${formatSqlType(to)}`,
        node.span,
      );
    }
    return to;
  }

  private subscript(node: SubscriptExpression, context: BindContext): SqlType {
    const array = this.value(node.operand, context);
    const index = this.value(node.index, context);
    if (
      index.kind !== 'int' &&
      index.kind !== 'bigint' &&
      !isWildcardType(index)
    ) {
      this.fail(
        'type',
        `an array index must be an integer, not ${formatSqlType(index)}`,
        node.index.span,
      );
    }
    if (array.kind === 'array') return array.element;
    if (isWildcardType(array)) return SqlTypes.unknown;
    return this.fail(
      'type',
      `only arrays can be indexed, not ${formatSqlType(array)}`,
      node.operand.span,
    );
  }

  // -------------------------------------------------------------------
  // Function calls

  private call(node: FunctionCallExpression, context: BindContext): SqlType {
    const definition = this.lookupFunction(node);
    this.checkCallShape(node, definition, context);
    if (definition.nondeterministic) this.isDeterministic = false;

    let argumentContext = context;
    if (node.window) {
      argumentContext = { ...context, window: definition.name };
    } else if (definition.kind === 'aggregate') {
      argumentContext = { ...context, aggregate: definition.name };
    }
    const args: ArgumentInfo[] = node.args.map(arg => ({
      type: this.value(arg, argumentContext),
      literal: literalOf(arg),
    }));
    if (node.window) this.windowSpec(node.window, definition, argumentContext);

    // count(*) counts rows: check it as a call with one argument of any type.
    const match = matchSignatures(
      definition,
      node.star ? [{ type: SqlTypes.unknown }] : args,
    );
    if ('code' in match) {
      const at =
        match.argument === undefined
          ? node.span
          : node.args[match.argument].span;
      return this.fail(match.code, match.message, at);
    }
    const problem = definition.validate?.(args);
    if (problem) {
      const at =
        problem.argument === undefined
          ? node.span
          : node.args[problem.argument].span;
      this.fail('unsupported', problem.message, at);
    }
    match.conversions.forEach((conversion, index) => {
      if (conversion) this.implicitCasts.set(node.args[index], conversion);
    });
    this.calledFunctions.set(node, definition);
    return match.returnType;
  }

  private lookupFunction(node: FunctionCallExpression): FunctionDefinition {
    const definition = this.functions.lookup(node.name.value);
    if (definition) return definition;
    const suggestions = suggestNames(node.name.value, this.functions.names());
    return this.fail(
      'unknown-function',
      `unknown function ${quoted(node.name.value)}${didYouMean(suggestions)}`,
      node.name.span,
      suggestions,
    );
  }

  /** `*`, DISTINCT and OVER, and where aggregates and windows may appear. */
  private checkCallShape(
    node: FunctionCallExpression,
    definition: FunctionDefinition,
    context: BindContext,
  ): void {
    const name = definition.name;
    if (node.star && !definition.acceptsStar) {
      this.fail(
        'arity',
        `${name}(*) is not allowed; only count(*) takes *`,
        node.span,
      );
    }
    if (node.distinct && definition.kind !== 'aggregate') {
      this.fail(
        'aggregate',
        `DISTINCT is only allowed in aggregate functions, not in ${name}`,
        node.span,
      );
    }
    if (node.window) {
      if (definition.kind === 'scalar') {
        this.fail(
          'window',
          `${name} is not an aggregate or window function, so it cannot have an OVER clause`,
          node.window.span,
        );
      }
      if (node.distinct) {
        this.fail(
          'window',
          'DISTINCT is not allowed in a window function call',
          node.span,
        );
      }
      if (context.window) {
        this.fail(
          'window',
          `window functions cannot be nested (inside ${context.window})`,
          node.span,
        );
      }
      if (context.aggregate) {
        this.fail(
          'window',
          `window functions cannot be used inside the aggregate function ${context.aggregate}`,
          node.span,
        );
      }
      if (this.options.allowWindows === false) {
        this.fail(
          'window',
          `window functions are not allowed in ${this.usedIn}`,
          node.span,
        );
      }
      this.isWindow = true;
      return;
    }
    if (definition.kind === 'window') {
      this.fail(
        'window',
        `${name} is a window function and needs an OVER clause, as in ${name}(…) OVER (ORDER BY …)`,
        node.span,
      );
    }
    if (definition.kind === 'aggregate') {
      if (context.aggregate) {
        this.fail(
          'aggregate',
          `aggregate functions cannot be nested: ${name} is inside ${context.aggregate}`,
          node.span,
        );
      }
      if (this.options.allowAggregates === false) {
        this.fail(
          'aggregate',
          `aggregate functions are not allowed in ${this.usedIn}`,
          node.span,
        );
      }
      this.isAggregate = true;
    }
  }

  private windowSpec(
    window: WindowSpec,
    definition: FunctionDefinition,
    context: BindContext,
  ): void {
    for (const expression of window.partitionBy)
      this.value(expression, context);
    for (const item of window.orderBy) this.value(item.expression, context);
    const requirements = definition.window;
    if (requirements?.requiresOrder && !window.orderBy.length) {
      this.fail(
        'window',
        `${definition.name} needs ORDER BY in its OVER clause`,
        window.span,
      );
    }
    const { frame } = window;
    if (!frame) return;
    if (requirements && !requirements.allowsFrame) {
      this.fail(
        'window',
        `${definition.name} does not take a window frame (ROWS or RANGE)`,
        frame.span,
      );
    }
    const end: FrameBound = frame.end ?? {
      kind: 'CURRENT ROW',
      span: frame.span,
    };
    if (frame.start.kind === 'UNBOUNDED FOLLOWING') {
      this.fail(
        'window',
        'a window frame cannot start at UNBOUNDED FOLLOWING',
        frame.start.span,
      );
    }
    if (end.kind === 'UNBOUNDED PRECEDING') {
      this.fail(
        'window',
        'a window frame cannot end at UNBOUNDED PRECEDING',
        end.span,
      );
    }
    if (boundPosition(frame.start) > boundPosition(end)) {
      this.fail('window', 'the window frame starts after it ends', frame.span);
    }
    for (const bound of [frame.start, end]) {
      if (bound.offset)
        this.frameOffset(bound.offset, frame.unit, window, context);
    }
  }

  /** `n PRECEDING` / `n FOLLOWING`: a non-negative literal number. */
  private frameOffset(
    offset: Expression,
    unit: 'ROWS' | 'RANGE',
    window: WindowSpec,
    context: BindContext,
  ): void {
    const type = this.value(offset, context);
    const value = numericValueOf(literalOf(offset));
    const integral = unit === 'ROWS';
    if (
      value === undefined ||
      value < 0 ||
      (integral && type.kind !== 'int' && type.kind !== 'bigint')
    ) {
      this.fail(
        'window',
        `${unit} frame offsets must be non-negative ${
          integral ? 'integer' : 'number'
        } literals`,
        offset.span,
      );
    }
    if (!integral) {
      const keys = window.orderBy;
      if (
        keys.length !== 1 ||
        !isNumericType(this.types.get(keys[0].expression) ?? SqlTypes.unknown)
      ) {
        this.fail(
          'window',
          'a RANGE frame with offsets needs exactly one numeric ORDER BY key',
          offset.span,
        );
      }
    }
  }

  private fail(
    code: ExpressionErrorCode,
    reason: string,
    span: SourceSpan,
    suggestions?: readonly string[],
  ): never {
    throw new ExpressionError({ code, reason, span, suggestions });
  }
}

function addOnce(list: ResolvedColumn[], column: ResolvedColumn): void {
  if (!list.some(c => c.input === column.input && c.column === column.column)) {
    list.push(column);
  }
}

/** Orders frame bounds from the start of the partition to its end. */
function boundPosition(bound: FrameBound): number {
  switch (bound.kind) {
    case 'UNBOUNDED PRECEDING':
      return 0;
    case 'PRECEDING':
      return 1;
    case 'CURRENT ROW':
      return 2;
    case 'FOLLOWING':
      return 3;
    case 'UNBOUNDED FOLLOWING':
      return 4;
    default:
      return assertNever(bound.kind);
  }
}

/**
 * Resolves the names in `expression` against `scope` and type checks it.
 *
 * @throws ExpressionError for unknown or ambiguous names, unknown functions,
 * wrong argument counts or types, and misused aggregate or window functions.
 * @public
 */
export function bindExpression(
  expression: Expression,
  scope: BindingScope,
  options: BindOptions = {},
): BoundExpression {
  return new Binder(scope, options).bindRoot(expression);
}
