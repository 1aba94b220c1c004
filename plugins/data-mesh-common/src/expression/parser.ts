/**
 * A recursive-descent parser for Spark SQL expressions.
 *
 * The structure mirrors Spark's grammar (`SqlBaseParser.g4`) so that
 * precedence is Spark's, from loosest to tightest:
 *
 *   OR
 *   AND
 *   NOT
 *   predicates: [NOT] BETWEEN / IN / LIKE / ILIKE / RLIKE, IS [NOT] …
 *   comparison: = == != <> < <= > >= <=>
 *   additive:   + - ||
 *   multiplicative: * / % DIV
 *   unary:      - +
 *   postfix:    [index]  ::type
 *
 * As in Spark, a predicate applies to a value expression and is not chained
 * (`a IS NULL IS NULL` is an error), and comparisons, being value
 * expressions, may be operands of predicates (`a = b IS NULL`).
 */
import {
  BinaryOperator,
  CaseBranch,
  childExpressions,
  ColumnExpression,
  Expression,
  FrameBound,
  FunctionCallExpression,
  Identifier,
  IntervalUnit,
  LiteralExpression,
  LiteralValue,
  SortItem,
  TypeReference,
  WindowFrame,
  WindowSpec,
} from './ast';
import { ExpressionError, ExpressionErrorCode } from './errors';
import { EXPRESSION_RESERVED_WORDS } from './keywords';
import { Token, tokenize } from './lexer';
import { combineIntervalParts, parseIntervalRange } from './intervals';
import {
  normalizeDateLiteral,
  normalizeTimestampLiteral,
  numberLiteralProblem,
} from './literals';
import { SourceSpan, SourceText } from './span';
import { MAX_DECIMAL_PRECISION, SqlType, SqlTypes } from './types';

/**
 * How deeply expressions may nest by default. It keeps every recursive pass
 * (parser, binder, renderer) far from the JavaScript stack limit, in the
 * browser too, while leaving room for any expression a person writes.
 *
 * @public
 */
export const DEFAULT_MAX_EXPRESSION_DEPTH = 256;

/** @public */
export interface ParseOptions {
  /**
   * The deepest nesting accepted, counting both parentheses and tree levels
   * (a chain `a + b + c` is two levels). Default
   * {@link DEFAULT_MAX_EXPRESSION_DEPTH}.
   */
  readonly maxDepth?: number;
}

/** The outcome of {@link tryParseExpression}. @public */
export type ParseResult =
  | { readonly ok: true; readonly expression: Expression }
  | { readonly ok: false; readonly error: ExpressionError };

/** Binding levels of the binary operators inside value expressions. */
const COMPARISON_LEVEL = 1;
const ADDITIVE_LEVEL = 2;
const MULTIPLICATIVE_LEVEL = 3;

const VALUE_OPERATORS: Record<
  string,
  { operator: BinaryOperator; level: number }
> = {
  '=': { operator: '=', level: COMPARISON_LEVEL },
  '==': { operator: '=', level: COMPARISON_LEVEL },
  '!=': { operator: '!=', level: COMPARISON_LEVEL },
  '<>': { operator: '!=', level: COMPARISON_LEVEL },
  '<': { operator: '<', level: COMPARISON_LEVEL },
  '<=': { operator: '<=', level: COMPARISON_LEVEL },
  '>': { operator: '>', level: COMPARISON_LEVEL },
  '>=': { operator: '>=', level: COMPARISON_LEVEL },
  '<=>': { operator: '<=>', level: COMPARISON_LEVEL },
  '+': { operator: '+', level: ADDITIVE_LEVEL },
  '-': { operator: '-', level: ADDITIVE_LEVEL },
  '||': { operator: '||', level: ADDITIVE_LEVEL },
  '*': { operator: '*', level: MULTIPLICATIVE_LEVEL },
  '/': { operator: '/', level: MULTIPLICATIVE_LEVEL },
  '%': { operator: '%', level: MULTIPLICATIVE_LEVEL },
};

const PREDICATE_WORDS = new Set([
  'BETWEEN',
  'IN',
  'LIKE',
  'ILIKE',
  'RLIKE',
  'REGEXP',
]);

const INTERVAL_UNITS: Record<string, IntervalUnit> = {
  YEAR: 'YEAR',
  YEARS: 'YEAR',
  MONTH: 'MONTH',
  MONTHS: 'MONTH',
  DAY: 'DAY',
  DAYS: 'DAY',
  HOUR: 'HOUR',
  HOURS: 'HOUR',
  MINUTE: 'MINUTE',
  MINUTES: 'MINUTE',
  SECOND: 'SECOND',
  SECONDS: 'SECOND',
};

const SUPPORTED_TYPES =
  'string, int, bigint, double, decimal(p,s), boolean, date, timestamp, array<…>';

/** Spark types that exist but are deliberately not part of this language. */
const UNSUPPORTED_TYPES = new Set([
  'TINYINT',
  'BYTE',
  'SMALLINT',
  'SHORT',
  'FLOAT',
  'REAL',
  'BINARY',
  'TIMESTAMP_NTZ',
  'TIMESTAMP_LTZ',
  'INTERVAL',
  'MAP',
  'STRUCT',
  'VARIANT',
  'VOID',
]);

/** The function each side of `trim(side … FROM …)` reads as. */
const TRIM_FUNCTIONS: Record<string, string> = {
  BOTH: 'trim',
  LEADING: 'ltrim',
  TRAILING: 'rtrim',
};

class Parser {
  private readonly source: SourceText;
  private readonly tokens: Token[];
  private readonly maxDepth: number;
  private index = 0;
  /** Current recursion depth of nested sub-expressions. */
  private depth = 0;
  /** Tree height of each node built so far. */
  private readonly heights = new WeakMap<Expression, number>();

  constructor(text: string, options?: ParseOptions) {
    this.source = new SourceText(text);
    this.tokens = tokenize(this.source);
    this.maxDepth = options?.maxDepth ?? DEFAULT_MAX_EXPRESSION_DEPTH;
  }

  parseWholeExpression(): Expression {
    const expression = this.expression();
    if (this.current.kind !== 'end') this.unexpected('end of expression');
    return expression;
  }

  parseWholeType(): SqlType {
    const type = this.sqlType();
    if (this.current.kind !== 'end') this.unexpected('end of type');
    return type;
  }

  // ---------------------------------------------------------------------
  // Boolean expressions

  private expression(): Expression {
    return this.nested(() => this.or());
  }

  private or(): Expression {
    const start = this.current.span;
    let left = this.and();
    while (this.acceptWord('OR')) {
      const right = this.and();
      left = this.node({
        kind: 'binary',
        operator: 'OR',
        left,
        right,
        span: this.spanFrom(start),
      });
    }
    return left;
  }

  private and(): Expression {
    const start = this.current.span;
    let left = this.not();
    while (this.acceptWord('AND')) {
      const right = this.not();
      left = this.node({
        kind: 'binary',
        operator: 'AND',
        left,
        right,
        span: this.spanFrom(start),
      });
    }
    return left;
  }

  private not(): Expression {
    const start = this.current.span;
    if (!this.acceptWord('NOT')) return this.predicated();
    const operand = this.nested(() => this.not());
    return this.node({
      kind: 'unary',
      operator: 'NOT',
      operand,
      span: this.spanFrom(start),
    });
  }

  private predicated(): Expression {
    const start = this.current.span;
    const operand = this.value(COMPARISON_LEVEL);
    if (this.isWord('IS')) return this.isPredicate(operand, start);
    let negated = false;
    if (this.isWord('NOT') && this.isPredicateWord(this.peek())) {
      this.advance();
      negated = true;
    }
    if (!this.isPredicateWord(this.current)) return operand;
    const keyword = this.advance().upper;
    switch (keyword) {
      case 'BETWEEN': {
        const low = this.value(COMPARISON_LEVEL);
        this.expectWord('AND');
        const high = this.value(COMPARISON_LEVEL);
        return this.node({
          kind: 'between',
          operand,
          low,
          high,
          negated,
          span: this.spanFrom(start),
        });
      }
      case 'IN': {
        this.expectSymbol('(');
        const list = this.expressionList(')');
        return this.node({
          kind: 'in',
          operand,
          list,
          negated,
          span: this.spanFrom(start),
        });
      }
      default: {
        const operator = keyword === 'REGEXP' ? 'RLIKE' : keyword;
        const pattern = this.value(COMPARISON_LEVEL);
        const escape =
          operator !== 'RLIKE' && this.acceptWord('ESCAPE')
            ? this.escapeCharacter()
            : undefined;
        return this.node({
          kind: 'like',
          operator: operator as 'LIKE' | 'ILIKE' | 'RLIKE',
          operand,
          pattern,
          escape,
          negated,
          span: this.spanFrom(start),
        });
      }
    }
  }

  /** `IS [NOT] NULL | TRUE | FALSE | DISTINCT FROM x`. */
  private isPredicate(operand: Expression, start: SourceSpan): Expression {
    this.expectWord('IS');
    const negated = this.acceptWord('NOT');
    for (const test of ['NULL', 'TRUE', 'FALSE'] as const) {
      if (this.acceptWord(test)) {
        return this.node({
          kind: 'is',
          operand,
          test,
          negated,
          span: this.spanFrom(start),
        });
      }
    }
    if (!this.acceptWord('DISTINCT')) {
      this.unexpected(
        negated
          ? 'NULL, TRUE, FALSE or DISTINCT FROM'
          : 'NOT, NULL, TRUE, FALSE or DISTINCT FROM',
      );
    }
    this.expectWord('FROM');
    const right = this.value(COMPARISON_LEVEL);
    // IS NOT DISTINCT FROM is null-safe equality, `<=>`; IS DISTINCT FROM is
    // its negation.
    const equal = this.node({
      kind: 'binary',
      operator: '<=>',
      left: operand,
      right,
      span: this.spanFrom(start),
    });
    if (negated) return equal;
    return this.node({
      kind: 'unary',
      operator: 'NOT',
      operand: equal,
      span: equal.span,
    });
  }

  private escapeCharacter(): string {
    const token = this.current;
    if (token.kind !== 'string' || [...token.value].length !== 1) {
      this.fail('ESCAPE needs a string of exactly one character', token.span);
    }
    this.advance();
    return token.value;
  }

  private isPredicateWord(token: Token): boolean {
    return token.kind === 'word' && PREDICATE_WORDS.has(token.upper);
  }

  // ---------------------------------------------------------------------
  // Value expressions

  /** Binary operators of level `minLevel` or tighter, left-associative. */
  private value(minLevel: number): Expression {
    const start = this.current.span;
    let left = this.unary();
    for (;;) {
      const entry = this.valueOperator();
      if (!entry || entry.level < minLevel) return left;
      this.advance();
      const right = this.value(entry.level + 1);
      left = this.node({
        kind: 'binary',
        operator: entry.operator,
        left,
        right,
        span: this.spanFrom(start),
      });
    }
  }

  private valueOperator() {
    const token = this.current;
    if (token.kind === 'symbol') return VALUE_OPERATORS[token.value];
    if (this.isWord('DIV')) {
      return { operator: 'DIV' as const, level: MULTIPLICATIVE_LEVEL };
    }
    return undefined;
  }

  private unary(): Expression {
    const start = this.current.span;
    if (!this.isSymbol('-') && !this.isSymbol('+')) return this.postfix();
    const operator = this.advance().value as '-' | '+';
    // Like Spark, a minus directly before a number is part of the literal,
    // so that -2147483648 is an int.
    if (operator === '-' && this.current.kind === 'number') {
      return this.postfix(this.numberLiteral(start));
    }
    const operand = this.nested(() => this.unary());
    return this.node({
      kind: 'unary',
      operator,
      operand,
      span: this.spanFrom(start),
    });
  }

  /** A primary followed by any `[index]` and `::type`. */
  private postfix(primary?: Expression): Expression {
    const start = primary?.span ?? this.current.span;
    let expression = primary ?? this.primary();
    for (;;) {
      if (this.acceptSymbol('[')) {
        const index = this.expression();
        this.expectSymbol(']');
        expression = this.node({
          kind: 'subscript',
          operand: expression,
          index,
          span: this.spanFrom(start),
        });
      } else if (this.acceptSymbol('::')) {
        const target = this.typeReference();
        expression = this.node({
          kind: 'cast',
          operand: expression,
          target,
          safe: false,
          span: this.spanFrom(start),
        });
      } else {
        return expression;
      }
    }
  }

  private primary(): Expression {
    const token = this.current;
    switch (token.kind) {
      case 'number':
        return this.numberLiteral(token.span);
      case 'string':
        this.advance();
        return this.literal({ type: 'string', value: token.value }, token.span);
      case 'quoted-name':
        return this.columnOrCall();
      case 'word':
        return this.wordPrimary(token);
      case 'symbol':
        if (this.acceptSymbol('(')) {
          const inner = this.expression();
          this.expectSymbol(')');
          return inner;
        }
        if (this.isSymbol(':')) return this.parameterMarker();
        return this.unexpected('an expression');
      default:
        return this.unexpected('an expression');
    }
  }

  private wordPrimary(token: Token): Expression {
    const next = this.peek();
    switch (token.upper) {
      case 'NULL':
        this.advance();
        return this.literal({ type: 'null' }, token.span);
      case 'TRUE':
      case 'FALSE':
        this.advance();
        return this.literal(
          { type: 'boolean', value: token.upper === 'TRUE' },
          token.span,
        );
      case 'CASE':
        return this.caseExpression();
      case 'CAST':
      case 'TRY_CAST':
        if (this.isSymbol('(', next)) return this.cast();
        break;
      case 'DATE':
      case 'TIMESTAMP':
      case 'TIMESTAMP_NTZ':
      case 'TIMESTAMP_LTZ':
        if (next.kind === 'string') return this.typedLiteral();
        break;
      case 'INTERVAL':
        if (
          next.kind === 'number' ||
          next.kind === 'string' ||
          this.isSymbol('-', next) ||
          this.isSymbol('+', next)
        ) {
          return this.intervalLiteral();
        }
        break;
      case 'CURRENT_DATE':
      case 'CURRENT_TIMESTAMP':
        // Spark reads these keywords as calls even without parentheses.
        if (!this.isSymbol('(', next)) {
          this.advance();
          return this.node({
            kind: 'call',
            name: { value: token.value, quoted: false, span: token.span },
            args: [],
            distinct: false,
            star: false,
            span: token.span,
          });
        }
        break;
      default:
        // Spark also has functions named like its predicates: rlike(s, p).
        if (
          EXPRESSION_RESERVED_WORDS.has(token.upper) &&
          !(PREDICATE_WORDS.has(token.upper) && this.isSymbol('(', next))
        ) {
          return this.unexpected('an expression');
        }
    }
    return this.columnOrCall();
  }

  /** `:name`, as Databricks SQL writes a named parameter marker. */
  private parameterMarker(): Expression {
    const colon = this.current.span;
    this.advance();
    const name = this.identifier('a parameter name after :');
    if (name.quoted || name.span.offset !== colon.end) {
      this.fail(
        'write a parameter as :name, with no space or quotes after the colon',
        name.span,
      );
    }
    return this.node<ColumnExpression>({
      kind: 'column',
      name,
      parameter: true,
      span: this.spanFrom(colon),
    });
  }

  private columnOrCall(): Expression {
    const first = this.identifier('a name');
    if (this.isSymbol('(')) return this.call(first);
    if (!this.acceptSymbol('.')) {
      return this.node<ColumnExpression>({
        kind: 'column',
        name: first,
        span: first.span,
      });
    }
    const name = this.identifier('a column name after the dot');
    if (this.isSymbol('.')) {
      this.fail(
        'nested field access (a.b.c) is not supported; a column is written `column` or `input.column`',
        this.current.span,
        'unsupported',
      );
    }
    if (this.isSymbol('(')) {
      this.fail(
        'qualified function names are not supported',
        first.span,
        'unsupported',
      );
    }
    return this.node<ColumnExpression>({
      kind: 'column',
      qualifier: first,
      name,
      span: this.spanFrom(first.span),
    });
  }

  private identifier(what: string): Identifier {
    const token = this.current;
    if (token.kind !== 'word' && token.kind !== 'quoted-name') {
      return this.unexpected(what);
    }
    this.advance();
    return {
      value: token.value,
      quoted: token.kind === 'quoted-name',
      span: token.span,
    };
  }

  private call(name: Identifier): FunctionCallExpression {
    const special = name.quoted ? undefined : this.specialFormCall(name);
    if (special) return special;
    this.expectSymbol('(');
    let star = false;
    let distinct = false;
    let args: Expression[] = [];
    if (this.isSymbol('*') && this.isSymbol(')', this.peek())) {
      this.advance();
      star = true;
    } else if (!this.isSymbol(')')) {
      distinct = this.acceptWord('DISTINCT');
      args = this.expressionList(')');
    }
    if (!args.length) this.expectSymbol(')');
    args = unitKeywordArguments(name, args);
    const window = this.acceptWord('OVER') ? this.windowSpec() : undefined;
    return this.node({
      kind: 'call',
      name,
      args,
      distinct,
      star,
      window,
      span: this.spanFrom(name.span),
    });
  }

  // ---------------------------------------------------------------------
  // Calls with SQL-standard keyword syntax, read as the plain calls Spark
  // reads them as, so that every later stage sees ordinary calls.

  /**
   * `extract(f FROM x)`, `trim([BOTH|LEADING|TRAILING] [c] FROM s)`,
   * `substring(s FROM p [FOR n])`, `position(a IN b)` and
   * `overlay(s PLACING r FROM p [FOR n])`; undefined for a plain call of
   * these names, which the caller then reads.
   */
  private specialFormCall(
    name: Identifier,
  ): FunctionCallExpression | undefined {
    switch (name.value.toUpperCase()) {
      case 'EXTRACT':
        return this.extractCall(name);
      case 'TRIM':
        return this.trimCall(name);
      case 'SUBSTRING':
      case 'SUBSTR':
        return this.keywordArgumentsCall(name, ['FROM'], 'FOR');
      case 'POSITION':
        return this.keywordArgumentsCall(name, ['IN']);
      case 'OVERLAY':
        return this.keywordArgumentsCall(name, ['PLACING', 'FROM'], 'FOR');
      default:
        return undefined;
    }
  }

  /** `extract(field FROM source)`: Spark's `date_part('field', source)`. */
  private extractCall(name: Identifier): FunctionCallExpression | undefined {
    const field = this.tokens[this.index + 1];
    const from = this.tokens[this.index + 2];
    if (
      !this.isSymbol('(') ||
      (field.kind !== 'word' && field.kind !== 'quoted-name') ||
      !this.isWord('FROM', from)
    ) {
      return undefined;
    }
    this.index += 3;
    const source = this.value(COMPARISON_LEVEL);
    this.expectSymbol(')');
    const fieldLiteral = this.literal(
      { type: 'string', value: field.value.toUpperCase() },
      field.span,
    );
    return this.specialCall(name, name.value, [fieldLiteral, source]);
  }

  /**
   * `trim([BOTH|LEADING|TRAILING] [chars] FROM str)`: Spark's
   * `trim|ltrim|rtrim([chars,] str)`, whose two-argument forms take the
   * characters first.
   */
  private trimCall(name: Identifier): FunctionCallExpression | undefined {
    const saved = this.index;
    if (!this.acceptSymbol('(')) return undefined;
    const modeToken = this.current;
    const mode = ['BOTH', 'LEADING', 'TRAILING'].find(
      word =>
        this.isWord(word) &&
        !this.isSymbol(',', this.peek()) &&
        !this.isSymbol(')', this.peek()),
    );
    if (mode) this.advance();
    let characters: Expression | undefined;
    if (!this.isWord('FROM')) {
      characters = this.tryValue();
      if (!characters || !this.isWord('FROM')) {
        if (mode) this.unexpected('FROM');
        this.index = saved;
        return undefined;
      }
    }
    this.expectWord('FROM');
    const source = this.value(COMPARISON_LEVEL);
    this.expectSymbol(')');
    const functionName = TRIM_FUNCTIONS[mode ?? 'BOTH'];
    const nameSpan = mode ? spanOf(name.span, modeToken.span) : name.span;
    return this.specialCall(
      { ...name, span: nameSpan },
      functionName,
      characters ? [characters, source] : [source],
    );
  }

  /**
   * `substring(s FROM p [FOR n])`, `position(a IN b)`,
   * `overlay(s PLACING r FROM p [FOR n])`: the first argument, then
   * keywords instead of commas.
   */
  private keywordArgumentsCall(
    name: Identifier,
    keywords: readonly string[],
    optionalKeyword?: string,
  ): FunctionCallExpression | undefined {
    const saved = this.index;
    if (!this.acceptSymbol('(')) return undefined;
    const first = this.tryValue();
    if (!first || !this.acceptWord(keywords[0])) {
      this.index = saved;
      return undefined;
    }
    const args = [first, this.value(COMPARISON_LEVEL)];
    for (const keyword of keywords.slice(1)) {
      this.expectWord(keyword);
      args.push(this.value(COMPARISON_LEVEL));
    }
    if (optionalKeyword && this.acceptWord(optionalKeyword)) {
      args.push(this.value(COMPARISON_LEVEL));
    }
    if (!this.acceptSymbol(')')) {
      this.unexpected(optionalKeyword ? `${optionalKeyword} or ')'` : "')'");
    }
    return this.specialCall(name, name.value, args);
  }

  /** A value expression, or undefined (nothing consumed) if there is none. */
  private tryValue(): Expression | undefined {
    const saved = this.index;
    try {
      return this.value(COMPARISON_LEVEL);
    } catch (error) {
      if (!(error instanceof ExpressionError) || error.code === 'too-deep') {
        throw error;
      }
      this.index = saved;
      return undefined;
    }
  }

  private specialCall(
    name: Identifier,
    functionName: string,
    args: Expression[],
  ): FunctionCallExpression {
    if (this.isWord('OVER')) {
      this.fail(
        `${functionName} is not a window function, so it cannot have an OVER clause`,
        this.current.span,
        'window',
      );
    }
    return this.node({
      kind: 'call',
      name: { ...name, value: functionName },
      args,
      distinct: false,
      star: false,
      span: this.spanFrom(name.span),
    });
  }

  /** `a, b, c` followed by `closing`, which is consumed. */
  private expressionList(closing: string): Expression[] {
    const items = [this.expression()];
    for (;;) {
      if (this.acceptSymbol(',')) {
        items.push(this.expression());
      } else if (this.acceptSymbol(closing)) {
        return items;
      } else if (this.current.kind === 'end') {
        return this.unexpected(`'${closing}'`);
      } else {
        return this.unexpected(`',' or '${closing}'`);
      }
    }
  }

  private caseExpression(): Expression {
    const start = this.advance().span;
    const operand =
      this.isWord('WHEN') || this.isWord('END') ? undefined : this.expression();
    const branches: CaseBranch[] = [];
    while (this.isWord('WHEN')) {
      const branchStart = this.advance().span;
      const when = this.expression();
      this.expectWord('THEN');
      const then = this.expression();
      branches.push({ when, then, span: this.spanFrom(branchStart) });
    }
    if (!branches.length) this.unexpected('WHEN');
    const otherwise = this.acceptWord('ELSE') ? this.expression() : undefined;
    if (!this.acceptWord('END')) {
      this.unexpected(otherwise ? 'END' : 'WHEN, ELSE or END');
    }
    return this.node({
      kind: 'case',
      operand,
      branches,
      otherwise,
      span: this.spanFrom(start),
    });
  }

  private cast(): Expression {
    const start = this.current.span;
    const safe = this.advance().upper === 'TRY_CAST';
    this.expectSymbol('(');
    const operand = this.expression();
    this.expectWord('AS');
    const target = this.typeReference();
    this.expectSymbol(')');
    return this.node({
      kind: 'cast',
      operand,
      target,
      safe,
      span: this.spanFrom(start),
    });
  }

  // ---------------------------------------------------------------------
  // Windows

  private windowSpec(): WindowSpec {
    const start = this.current.span;
    this.expectSymbol('(');
    const partitionBy: Expression[] = [];
    if (this.acceptWord('PARTITION')) {
      this.expectWord('BY');
      do partitionBy.push(this.expression());
      while (this.acceptSymbol(','));
    }
    const orderBy: SortItem[] = [];
    if (this.acceptWord('ORDER')) {
      this.expectWord('BY');
      do orderBy.push(this.sortItem());
      while (this.acceptSymbol(','));
    }
    const frame =
      this.isWord('ROWS') || this.isWord('RANGE') ? this.frame() : undefined;
    if (!this.acceptSymbol(')')) {
      this.unexpected(
        frame || orderBy.length
          ? "')'"
          : "PARTITION BY, ORDER BY, ROWS, RANGE or ')'",
      );
    }
    return { partitionBy, orderBy, frame, span: this.spanFrom(start) };
  }

  private sortItem(): SortItem {
    const start = this.current.span;
    const expression = this.expression();
    let direction: SortItem['direction'];
    if (this.acceptWord('ASC')) direction = 'ASC';
    else if (this.acceptWord('DESC')) direction = 'DESC';
    let nulls: SortItem['nulls'];
    if (this.acceptWord('NULLS')) {
      if (this.acceptWord('FIRST')) nulls = 'FIRST';
      else if (this.acceptWord('LAST')) nulls = 'LAST';
      else this.unexpected('FIRST or LAST');
    }
    return { expression, direction, nulls, span: this.spanFrom(start) };
  }

  private frame(): WindowFrame {
    const start = this.current.span;
    const unit = this.advance().upper as WindowFrame['unit'];
    if (!this.acceptWord('BETWEEN')) {
      const bound = this.frameBound();
      return { unit, start: bound, span: this.spanFrom(start) };
    }
    const first = this.frameBound();
    this.expectWord('AND');
    const last = this.frameBound();
    return { unit, start: first, end: last, span: this.spanFrom(start) };
  }

  private frameBound(): FrameBound {
    const start = this.current.span;
    if (this.acceptWord('UNBOUNDED')) {
      if (this.acceptWord('PRECEDING')) {
        return { kind: 'UNBOUNDED PRECEDING', span: this.spanFrom(start) };
      }
      if (this.acceptWord('FOLLOWING')) {
        return { kind: 'UNBOUNDED FOLLOWING', span: this.spanFrom(start) };
      }
      return this.unexpected('PRECEDING or FOLLOWING');
    }
    if (this.acceptWord('CURRENT')) {
      this.expectWord('ROW');
      return { kind: 'CURRENT ROW', span: this.spanFrom(start) };
    }
    const offset = this.nested(() => this.value(ADDITIVE_LEVEL));
    if (this.acceptWord('PRECEDING')) {
      return { kind: 'PRECEDING', offset, span: this.spanFrom(start) };
    }
    if (this.acceptWord('FOLLOWING')) {
      return { kind: 'FOLLOWING', offset, span: this.spanFrom(start) };
    }
    return this.unexpected('PRECEDING or FOLLOWING');
  }

  // ---------------------------------------------------------------------
  // Literals

  private numberLiteral(start: SourceSpan): LiteralExpression {
    const token = this.advance();
    const negative = start.offset !== token.span.offset;
    const text = negative ? `-${token.value}` : token.value;
    const span = this.spanFrom(start);
    if (token.suffix === 'Y' || token.suffix === 'S') {
      return this.literal(smallIntegerLiteral(text, token.suffix, span), span);
    }
    const { suffix } = token;
    let type: 'integer' | 'decimal' | 'double';
    if (suffix === 'BD') type = 'decimal';
    else if (suffix === 'D' || /[eE]/.test(text)) type = 'double';
    else if (text.includes('.')) type = 'decimal';
    else type = 'integer';
    const value: LiteralValue = { type, text, suffix };
    const problem = numberLiteralProblem(value);
    if (problem) this.fail(problem, span);
    return this.literal(value, span);
  }

  /**
   * `DATE '2024-01-01'`, `TIMESTAMP '2024-01-01 10:00:00'`. The language's
   * timestamp has no time zone and sessions are UTC, so `TIMESTAMP_NTZ` and
   * `TIMESTAMP_LTZ` literals are timestamps too.
   */
  private typedLiteral(): Expression {
    const keyword = this.advance();
    const token = this.advance();
    const span = this.spanFrom(keyword.span);
    if (keyword.upper === 'DATE') {
      const value = normalizeDateLiteral(token.value);
      if (!value)
        this.fail(`invalid DATE literal '${token.value}'`, token.span);
      return this.literal({ type: 'date', value }, span);
    }
    const result = normalizeTimestampLiteral(token.value);
    if ('problem' in result) this.fail(result.problem, token.span);
    return this.literal({ type: 'timestamp', value: result.value }, span);
  }

  /**
   * `INTERVAL [-]n unit [n unit …]`, `INTERVAL '[-]n' unit`, or
   * `INTERVAL '2-2' YEAR TO MONTH`: one value in the finest unit given.
   */
  private intervalLiteral(): Expression {
    const start = this.advance().span;
    // Like Spark, a sign belongs to the value it precedes.
    let sign = 1;
    if (this.isSymbol('-') || this.isSymbol('+')) {
      if (this.advance().value === '-') sign = -1;
    }
    const parts: Array<{ value: number; unit: IntervalUnit }> = [];
    do {
      const partSign = parts.length ? 1 : sign;
      const token = this.current;
      if (token.kind !== 'number' && token.kind !== 'string') {
        this.unexpected('a number');
      }
      this.advance();
      const unit = this.intervalUnit();
      if (token.kind === 'string' && this.acceptWord('TO')) {
        const toToken = this.current;
        const to = this.intervalUnit();
        const range = parseIntervalRange(token.value, unit, to);
        if ('problem' in range) {
          this.fail(range.problem, spanOf(token.span, toToken.span));
        }
        parts.push({ value: partSign * range.value, unit: range.unit });
        break;
      }
      const digits =
        token.kind === 'string'
          ? /^\s*([-+]?\d+)\s*$/.exec(token.value)?.[1]
          : wholeNumberText(token);
      if (digits === undefined || !Number.isSafeInteger(Number(digits))) {
        this.fail(
          'an INTERVAL literal needs a whole number, as in INTERVAL 3 DAY',
          token.span,
        );
      }
      parts.push({ value: partSign * Number(digits), unit });
    } while (this.current.kind === 'number' || this.current.kind === 'string');
    const combined = combineIntervalParts(parts);
    if ('problem' in combined) {
      this.fail(combined.problem, this.spanFrom(start), 'unsupported');
    }
    return this.literal(
      { type: 'interval', value: combined.value, unit: combined.unit },
      this.spanFrom(start),
    );
  }

  private intervalUnit(): IntervalUnit {
    const unitToken = this.current;
    const unit = INTERVAL_UNITS[unitToken.upper];
    if (unitToken.kind !== 'word' || !unit) {
      if (unitToken.upper === 'WEEK' || unitToken.upper === 'WEEKS') {
        this.fail(
          'INTERVAL … WEEK is not supported; write the number of days',
          unitToken.span,
          'unsupported',
        );
      }
      this.unexpected('YEAR, MONTH, DAY, HOUR, MINUTE or SECOND');
    }
    this.advance();
    return unit;
  }

  private literal(value: LiteralValue, span: SourceSpan): LiteralExpression {
    return this.node({ kind: 'literal', value, span });
  }

  // ---------------------------------------------------------------------
  // Types

  private typeReference(): TypeReference {
    const start = this.current.span;
    const type = this.sqlType();
    return { type, span: this.spanFrom(start) };
  }

  private sqlType(): SqlType {
    const token = this.current;
    if (token.kind !== 'word') return this.unexpected('a type name');
    this.advance();
    switch (token.upper) {
      case 'STRING':
        return SqlTypes.string;
      case 'VARCHAR':
      case 'CHAR':
        this.typeLength();
        return SqlTypes.string;
      case 'INT':
      case 'INTEGER':
        return SqlTypes.int;
      case 'BIGINT':
      case 'LONG':
        return SqlTypes.bigint;
      case 'DOUBLE':
        return SqlTypes.double;
      case 'BOOLEAN':
        return SqlTypes.boolean;
      case 'DATE':
        return SqlTypes.date;
      case 'TIMESTAMP':
        return SqlTypes.timestamp;
      case 'DECIMAL':
      case 'DEC':
      case 'NUMERIC':
        return this.decimalType();
      case 'ARRAY': {
        this.expectSymbol('<');
        const element = this.nested(() => this.sqlType());
        this.expectSymbol('>');
        return SqlTypes.array(element);
      }
      default:
        return this.fail(
          UNSUPPORTED_TYPES.has(token.upper)
            ? `type ${token.upper} is not supported; use one of ${SUPPORTED_TYPES}`
            : `unknown type '${token.text}'; use one of ${SUPPORTED_TYPES}`,
          token.span,
          UNSUPPORTED_TYPES.has(token.upper) ? 'unsupported' : 'syntax',
        );
    }
  }

  /** The `(n)` of `VARCHAR(n)` / `CHAR(n)`: required, like in Spark. */
  private typeLength(): void {
    this.expectSymbol('(');
    this.typeInteger('a length', 1, Number.MAX_SAFE_INTEGER);
    this.expectSymbol(')');
  }

  private decimalType(): SqlType {
    if (!this.acceptSymbol('(')) return SqlTypes.decimal(10, 0);
    const precision = this.typeInteger('a precision', 1, MAX_DECIMAL_PRECISION);
    let scale = 0;
    if (this.acceptSymbol(',')) {
      const token = this.current;
      scale = this.typeInteger('a scale', 0, MAX_DECIMAL_PRECISION);
      if (scale > precision) {
        this.fail(
          `decimal scale ${scale} is larger than its precision ${precision}`,
          token.span,
        );
      }
    }
    this.expectSymbol(')');
    return SqlTypes.decimal(precision, scale);
  }

  private typeInteger(what: string, min: number, max: number): number {
    const token = this.current;
    if (token.kind !== 'number' || !/^\d+$/.test(token.value) || token.suffix) {
      return this.unexpected(what);
    }
    const value = Number(token.value);
    if (value < min || value > max) {
      this.fail(`${what} must be between ${min} and ${max}`, token.span);
    }
    this.advance();
    return value;
  }

  // ---------------------------------------------------------------------
  // Helpers

  private get current(): Token {
    return this.tokens[this.index];
  }

  private peek(): Token {
    return this.tokens[Math.min(this.index + 1, this.tokens.length - 1)];
  }

  private advance(): Token {
    const token = this.current;
    if (token.kind !== 'end') this.index++;
    return token;
  }

  private isWord(word: string, token: Token = this.current): boolean {
    return token.kind === 'word' && token.upper === word;
  }

  private isSymbol(symbol: string, token: Token = this.current): boolean {
    return token.kind === 'symbol' && token.value === symbol;
  }

  private acceptWord(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.advance();
    return true;
  }

  private acceptSymbol(symbol: string): boolean {
    if (!this.isSymbol(symbol)) return false;
    this.advance();
    return true;
  }

  private expectWord(word: string): void {
    if (!this.acceptWord(word)) this.unexpected(word);
  }

  private expectSymbol(symbol: string): void {
    if (!this.acceptSymbol(symbol)) this.unexpected(`'${symbol}'`);
  }

  /** The span from `start` to the end of the last consumed token. */
  private spanFrom(start: SourceSpan): SourceSpan {
    const end = this.index > 0 ? this.tokens[this.index - 1].span.end : 0;
    return { ...start, end: Math.max(end, start.offset) };
  }

  /** Runs `parse` one nesting level deeper, refusing to go past the limit. */
  private nested<T>(parse: () => T): T {
    if (this.depth >= this.maxDepth) {
      this.fail(
        `expression nests too deeply (more than ${this.maxDepth} levels)`,
        this.current.span,
        'too-deep',
      );
    }
    this.depth++;
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  /** Registers a new node, refusing trees taller than the limit. */
  private node<T extends Expression>(node: T): T {
    let height = 1;
    for (const child of childExpressions(node)) {
      height = Math.max(height, (this.heights.get(child) ?? 1) + 1);
    }
    if (height > this.maxDepth) {
      this.fail(
        `expression nests too deeply (more than ${this.maxDepth} levels)`,
        node.span,
        'too-deep',
      );
    }
    this.heights.set(node, height);
    return node;
  }

  private unexpected(expected: string): never {
    return this.fail(
      `expected ${expected} but found ${describeToken(this.current)}`,
      this.current.span,
    );
  }

  private fail(
    reason: string,
    span: SourceSpan,
    code: ExpressionErrorCode = 'syntax',
  ): never {
    throw new ExpressionError({ code, reason, span });
  }
}

/** Spark's ranges of tinyint (`Y`) and smallint (`S`) literals. */
const SMALL_INTEGER_RANGES = {
  Y: { name: 'tinyint', min: -128n, max: 127n },
  S: { name: 'smallint', min: -32768n, max: 32767n },
} as const;

/**
 * A tinyint (`1Y`) or smallint (`1S`) literal, in Spark's range for the
 * type so that what parses here parses in Spark.
 */
function smallIntegerLiteral(
  text: string,
  suffix: 'Y' | 'S',
  span: SourceSpan,
): LiteralValue {
  const { name, min, max } = SMALL_INTEGER_RANGES[suffix];
  const value = BigInt(text);
  if (value < min || value > max) {
    throw new ExpressionError({
      code: 'syntax',
      reason: `${name} literal ${text}${suffix} is out of range (${min} to ${max})`,
      span,
    });
  }
  return { type: 'integer', text: value.toString(), suffix };
}

/** Functions whose three-argument form starts with a unit keyword. */
const UNIT_FIRST_FUNCTIONS = new Set([
  'DATEDIFF',
  'DATE_DIFF',
  'TIMESTAMPDIFF',
  'DATEADD',
  'DATE_ADD',
  'TIMESTAMPADD',
]);

/** The units Spark's grammar allows there (`datetimeUnit`). */
const DATETIME_UNITS = new Set([
  'YEAR',
  'QUARTER',
  'MONTH',
  'WEEK',
  'DAY',
  'DAYOFYEAR',
  'HOUR',
  'MINUTE',
  'SECOND',
  'MILLISECOND',
  'MICROSECOND',
]);

/**
 * `datediff(MONTH, a, b)`, `timestampadd(HOUR, 2, ts)`: Spark reads the
 * unit as a keyword, not a column; it becomes a string literal argument,
 * which the function catalogue checks and renders.
 */
function unitKeywordArguments(
  name: Identifier,
  args: Expression[],
): Expression[] {
  const [unit] = args;
  if (
    name.quoted ||
    args.length !== 3 ||
    !UNIT_FIRST_FUNCTIONS.has(name.value.toUpperCase()) ||
    unit.kind !== 'column' ||
    unit.qualifier ||
    unit.name.quoted ||
    !DATETIME_UNITS.has(unit.name.value.toUpperCase())
  ) {
    return args;
  }
  const literal: LiteralExpression = {
    kind: 'literal',
    value: { type: 'string', value: unit.name.value.toUpperCase() },
    span: unit.span,
  };
  return [literal, ...args.slice(1)];
}

/** From the start of `first` to the end of `last`. */
function spanOf(first: SourceSpan, last: SourceSpan): SourceSpan {
  return { ...first, end: last.end };
}

/** The digits of an unsuffixed whole number token, else undefined. */
function wholeNumberText(token: Token): string | undefined {
  return !token.suffix && /^\d+$/.test(token.value) ? token.value : undefined;
}

function describeToken(token: Token): string {
  switch (token.kind) {
    case 'end':
      return 'end of expression';
    case 'string': {
      const text =
        token.text.length > 24 ? `${token.text.slice(0, 20)}…` : token.text;
      return `string ${text}`;
    }
    case 'number':
      return `number ${token.text}`;
    case 'quoted-name':
      return token.text.length > 40
        ? `${token.text.slice(0, 36)}…\``
        : token.text;
    default: {
      const text =
        token.text.length > 40 ? `${token.text.slice(0, 36)}…` : token.text;
      return `'${text}'`;
    }
  }
}

/**
 * Parses one Spark SQL expression.
 *
 * @throws ExpressionError when the text is not a well-formed expression; no
 * other error is thrown, whatever the input.
 * @public
 */
export function parseExpression(
  text: string,
  options?: ParseOptions,
): Expression {
  return new Parser(text, options).parseWholeExpression();
}

/**
 * Like {@link parseExpression}, but returns the error as a value.
 *
 * @public
 */
export function tryParseExpression(
  text: string,
  options?: ParseOptions,
): ParseResult {
  try {
    return { ok: true, expression: parseExpression(text, options) };
  } catch (error) {
    if (error instanceof ExpressionError) return { ok: false, error };
    throw error;
  }
}

/**
 * Parses a type name as written in `CAST(x AS …)` or in a schema:
 * `string`, `varchar(20)`, `int`, `integer`, `bigint`, `long`, `double`,
 * `decimal(10,2)`, `boolean`, `date`, `timestamp`, `array<string>`.
 *
 * @throws ExpressionError for unknown or unsupported types.
 * @public
 */
export function parseSqlType(text: string): SqlType {
  return new Parser(text).parseWholeType();
}
