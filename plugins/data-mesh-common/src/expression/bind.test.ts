import { analyzeExpression } from './analyze';
import { BindOptions, bindExpression } from './bind';
import { ExpressionError, isExpressionError } from './errors';
import { parseExpression } from './parser';
import type { BindingScope } from './scope';
import { formatSqlType, SqlType, SqlTypes } from './types';

const { string, int, bigint, double, date, timestamp, boolean } = SqlTypes;

/** A join of orders (in0) and customers (in1). */
const scope: BindingScope = {
  inputs: [
    {
      alias: 'in0',
      columns: [
        { name: 'order_id', type: bigint },
        { name: 'customer_id', type: int },
        { name: 'name', type: string },
        { name: 'order_date', type: date },
        { name: 'amount', type: SqlTypes.decimal(10, 2) },
        { name: 'price', type: double },
        { name: 'tags', type: SqlTypes.array(string) },
        { name: 'paid', type: boolean },
        { name: 'Order Total', type: double },
      ],
    },
    {
      alias: 'in1',
      columns: [
        { name: 'customer_id', type: int },
        { name: 'country', type: string },
        { name: 'signup', type: timestamp },
      ],
    },
  ],
};

const analyze = (text: string, options?: BindOptions) =>
  analyzeExpression(text, scope, options);
const typeOf = (text: string) => formatSqlType(analyze(text).type);

function bindError(
  text: string,
  options?: BindOptions,
  within: BindingScope = scope,
): ExpressionError {
  try {
    analyzeExpression(text, within, options);
  } catch (error) {
    if (isExpressionError(error)) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} not to bind`);
}

describe('bindExpression', () => {
  describe('resolves column names', () => {
    it('finds an unqualified name in the one input that has it', () => {
      const bound = analyze('upper(name)');
      expect(bound.columns).toEqual([
        { input: 'in0', column: 'name', type: string },
      ]);
    });

    it('finds a qualified name in the named input', () => {
      const bound = analyze('in1.customer_id + in0.customer_id');
      expect(bound.columns.map(c => `${c.input}.${c.column}`)).toEqual([
        'in1.customer_id',
        'in0.customer_id',
      ]);
    });

    it('ignores case, like Spark, and reports the name as declared', () => {
      const bound = analyze('IN0.NAME || `order total`');
      expect(bound.columns.map(c => c.column)).toEqual(['name', 'Order Total']);
    });

    it('lists the candidates of an ambiguous name', () => {
      const error = bindError('customer_id + 1');
      expect(error.message).toBe(
        '1:1: column `customer_id` is ambiguous: it could be `in0.customer_id` or `in1.customer_id`',
      );
      expect(error.code).toBe('ambiguous-column');
      expect(error.suggestions).toEqual(['in0.customer_id', 'in1.customer_id']);
    });

    it('says that an input alias is not a column', () => {
      expect(bindError('in0 IS NULL').message).toBe(
        '1:1: `in0` is an input, not a column; write `in0.<column>`',
      );
    });
  });

  describe('suggests what an unknown name may have meant', () => {
    it.each([
      [
        'custmer_id > 1',
        '1:1: unknown column `custmer_id`; did you mean `customer_id`?',
        ['customer_id'],
      ],
      [
        'upper(nmae)',
        '1:7: unknown column `nmae`; did you mean `name`?',
        ['name'],
      ],
      [
        'COUNTRY_ = 1',
        '1:1: unknown column `COUNTRY_`; did you mean `country`?',
        ['country'],
      ],
      [
        'in0.ordr_date',
        '1:5: input `in0` has no column `ordr_date`; did you mean `order_date`?',
        ['order_date'],
      ],
      [
        'in2.name',
        '1:1: unknown input `in2` (inputs: in0, in1); did you mean `in0` or `in1`?',
        ['in0', 'in1'],
      ],
      [
        'uper(name)',
        '1:1: unknown function `uper`; did you mean `upper`?',
        ['upper'],
      ],
      [
        "concat_wss('-', name)",
        '1:1: unknown function `concat_wss`; did you mean `concat_ws`?',
        ['concat_ws'],
      ],
      [
        'date_formt(order_date, "y")',
        '1:1: unknown function `date_formt`; did you mean `date_format` or `date_part`?',
        ['date_format', 'date_part'],
      ],
    ])('%s', (text, message, suggestions) => {
      const error = bindError(text);
      expect(error.message).toBe(message);
      expect(error.suggestions).toEqual(suggestions);
    });

    it.each([
      ['xyz', '1:1: unknown column `xyz`'],
      ['in0.zzz', '1:5: input `in0` has no column `zzz`'],
      ['frobnicate(name)', '1:1: unknown function `frobnicate`'],
    ])('offers nothing when nothing is close: %s', (text, message) => {
      const error = bindError(text);
      expect(error.message).toBe(message);
      expect(error.suggestions).toEqual([]);
    });
  });

  describe('infers Spark result types', () => {
    it.each([
      ["'a'", 'string'],
      ['1', 'int'],
      ['3000000000', 'bigint'],
      ['1L', 'bigint'],
      ['1.50', 'decimal(3,2)'],
      ['1e3', 'double'],
      ['in0.customer_id + 1', 'int'],
      ['order_id + in0.customer_id', 'bigint'],
      ['in0.customer_id / 2', 'double'],
      ['order_id DIV 2', 'bigint'],
      ['amount * 2', 'decimal(12,2)'],
      ['amount + amount', 'decimal(11,2)'],
      ['amount / 3', 'decimal(14,6)'],
      ['amount * price', 'double'],
      ['NULL + 1', 'int'],
      ['in0.customer_id = 1 AND paid', 'boolean'],
      ["name || '!'", 'string'],
      ['order_date + 1', 'date'],
      ['order_date - INTERVAL 1 MONTH', 'date'],
      ['order_date + INTERVAL 2 HOUR', 'timestamp'],
      ['signup - INTERVAL 1 DAY', 'timestamp'],
      ['CASE WHEN paid THEN amount ELSE 0 END', 'decimal(12,2)'],
      ['CASE WHEN paid THEN 1 ELSE 2.5D END', 'double'],
      ['CASE WHEN paid THEN NULL END', 'void'],
      ['CAST(amount AS STRING)', 'string'],
      ['tags[0]', 'string'],
      ["split(name, ' ')", 'array<string>'],
      ['coalesce(in0.customer_id, order_id)', 'bigint'],
      ['greatest(order_date, signup)', 'timestamp'],
      ['count(*)', 'bigint'],
      ['sum(in0.customer_id)', 'bigint'],
      ['sum(amount)', 'decimal(20,2)'],
      ['avg(amount)', 'decimal(14,6)'],
      ['avg(price)', 'double'],
      ['round(amount, 1)', 'decimal(10,1)'],
      ['ceil(price)', 'bigint'],
      ['collect_list(name)', 'array<string>'],
      ['row_number() OVER (ORDER BY order_date)', 'int'],
      // Spark converts lag's default to the value's type.
      ['lag(amount, 1, 0) OVER (ORDER BY order_date)', 'decimal(10,2)'],
    ])('%s: %s', (text, expected) => {
      expect(typeOf(text)).toBe(expected);
    });
  });

  describe('reports type errors where they are', () => {
    it.each([
      [
        'upper(in0.customer_id)',
        '1:7: argument `str` of upper must be a string but is int',
      ],
      [
        'name + 1',
        '1:1: cannot apply + to string and int; use concat(…) or || to join strings',
      ],
      [
        'date_add(order_date, 1.5)',
        '1:22: argument `days` of date_add must be an int but is decimal(2,1)',
      ],
      ['paid AND amount', '1:10: AND needs a boolean but got decimal(10,2)'],
      ['NOT name', '1:5: NOT needs a boolean but got string'],
      [
        "CASE WHEN paid THEN 1 ELSE 'x' END",
        '1:28: CASE results have incompatible types int and string',
      ],
      [
        'CASE WHEN amount THEN 1 END',
        '1:11: WHEN needs a boolean but got decimal(10,2)',
      ],
      ['CAST(order_date AS INT)', '1:1: cannot cast date to int'],
      [
        'order_date - order_date',
        '1:1: subtracting dates is not supported; use datediff(end, start)',
      ],
      [
        'paid > 1',
        '1:8: cannot compare boolean with int (>); use CAST to convert one side',
      ],
      [
        "order_date IN ('2024-01-01', 3)",
        '1:30: cannot compare date with int (IN); use CAST to convert one side',
      ],
      ['tags[name]', '1:6: an array index must be an integer, not string'],
      ['name[0]', '1:1: only arrays can be indexed, not string'],
      ['price LIKE 1', '1:1: LIKE needs strings but got double'],
      [
        'coalesce(name, 1)',
        '1:16: arguments of coalesce have incompatible types string and int',
      ],
      ['upper(name, 1)', '1:1: upper expects 1 argument but got 2'],
      ['substring(name)', '1:1: substring expects 2 or 3 arguments but got 1'],
      ['coalesce()', '1:1: coalesce expects at least 1 argument but got 0'],
      ['current_date(1)', '1:1: current_date expects no arguments but got 1'],
      [
        'log(order_date)',
        '1:5: argument `x` of log must be a number but is date',
      ],
      [
        'log(2, order_date)',
        '1:8: argument `x` of log must be a number but is date',
      ],
      [
        'INTERVAL 1 DAY',
        '1:1: an interval can only be added to or subtracted from a date or timestamp',
      ],
      [
        'upper(INTERVAL 1 DAY)',
        '1:7: an interval can only be added to or subtracted from a date or timestamp',
      ],
      [
        'date_format(order_date, name)',
        '1:25: argument `fmt` of date_format must be a literal',
      ],
    ])('%s', (text, message) => {
      const error = bindError(text);
      expect(error.message).toBe(message);
      expect(['type', 'arity']).toContain(error.code);
    });
  });

  describe('rejects what DuckDB cannot reproduce', () => {
    it.each([
      [
        "date_format(order_date, 'yyyy-QQ')",
        "1:25: pattern letter 'Q' in 'yyyy-QQ' has no DuckDB strftime equivalent; supported letters: y M d D H h m s S a E",
      ],
      [
        'sha2(name, 512)',
        '1:12: sha2 supports 256 bits only (DuckDB has no SHA-224, SHA-384 or SHA-512)',
      ],
      [
        "regexp_replace(name, 'a', '$')",
        "1:27: replacement '$' has '$' without a group number; write \\$ for a literal dollar",
      ],
      [
        "name RLIKE '(?=a)'",
        "1:12: regular expression '(?=a)' uses lookahead and lookbehind, which DuckDB's RE2 engine does not support",
      ],
      [
        "trunc(order_date, 'day')",
        "1:19: unit must be one of 'year', 'yyyy', 'yy', 'quarter', 'month', 'mon', 'mm', 'week'",
      ],
    ])('%s', (text, message) => {
      const error = bindError(text);
      expect(error.message).toBe(message);
      expect(error.code).toBe('unsupported');
    });
  });

  describe('tells aggregates, windows and scalars apart', () => {
    it.each([
      ['upper(name)', false, false],
      ['sum(amount) / count(*)', true, false],
      ['row_number() OVER (ORDER BY order_date)', false, true],
      ['sum(amount) OVER (PARTITION BY in1.country)', false, true],
      ['sum(sum(amount)) OVER ()', true, true],
    ])('%s', (text, isAggregate, isWindow) => {
      expect(analyze(text)).toMatchObject({ isAggregate, isWindow });
    });

    it('lists the columns read outside aggregates (the grouping keys to check)', () => {
      const bound = analyze('in1.country || sum(amount)');
      expect(bound.columns.map(c => c.column)).toEqual(['country', 'amount']);
      expect(bound.columnsOutsideAggregates.map(c => c.column)).toEqual([
        'country',
      ]);
    });

    it('marks values that depend on the clock as not deterministic', () => {
      expect(analyze('order_date < current_date()').isDeterministic).toBe(
        false,
      );
      expect(analyze('order_date < DATE "2024-01-01"').isDeterministic).toBe(
        true,
      );
    });

    it.each([
      [
        'sum(avg(amount))',
        '1:5: aggregate functions cannot be nested: avg is inside sum',
        'aggregate',
      ],
      [
        'upper(DISTINCT name)',
        '1:1: DISTINCT is only allowed in aggregate functions, not in upper',
        'aggregate',
      ],
      ['sum(*)', '1:1: sum(*) is not allowed; only count(*) takes *', 'arity'],
      [
        'row_number()',
        '1:1: row_number is a window function and needs an OVER clause, as in row_number(…) OVER (ORDER BY …)',
        'window',
      ],
      [
        'upper(name) OVER ()',
        '1:18: upper is not an aggregate or window function, so it cannot have an OVER clause',
        'window',
      ],
      [
        'sum(row_number() OVER (ORDER BY name))',
        '1:5: window functions cannot be used inside the aggregate function sum',
        'window',
      ],
      [
        'count(DISTINCT name) OVER ()',
        '1:1: DISTINCT is not allowed in a window function call',
        'window',
      ],
      [
        'rank() OVER (PARTITION BY name)',
        '1:13: rank needs ORDER BY in its OVER clause',
        'window',
      ],
      [
        'row_number() OVER (ORDER BY name ROWS 1 PRECEDING)',
        '1:34: row_number does not take a window frame (ROWS or RANGE)',
        'window',
      ],
      [
        'sum(price) OVER (ORDER BY order_date ROWS BETWEEN CURRENT ROW AND 1 PRECEDING)',
        '1:38: the window frame starts after it ends',
        'window',
      ],
      [
        'sum(price) OVER (ORDER BY order_date ROWS BETWEEN 1.5 PRECEDING AND CURRENT ROW)',
        '1:51: ROWS frame offsets must be non-negative integer literals',
        'window',
      ],
      [
        'sum(price) OVER (ORDER BY name RANGE BETWEEN 1 PRECEDING AND CURRENT ROW)',
        '1:46: a RANGE frame with offsets needs exactly one numeric ORDER BY key',
        'window',
      ],
    ])('%s', (text, message, code) => {
      const error = bindError(text);
      expect(error.message).toBe(message);
      expect(error.code).toBe(code);
    });

    it('refuses aggregates and windows where the caller says so', () => {
      const filter = {
        allowAggregates: false,
        allowWindows: false,
        usedIn: 'a Filter condition',
      };
      expect(bindError('sum(amount) > 10', filter).message).toBe(
        '1:1: aggregate functions are not allowed in a Filter condition',
      );
      expect(
        bindError('row_number() OVER (ORDER BY name) = 1', filter).message,
      ).toBe('1:1: window functions are not allowed in a Filter condition');
      expect(analyze('amount > 10', filter).type).toEqual(boolean);
    });
  });

  it('notes the conversions Spark makes implicitly', () => {
    const expression = parseExpression(
      "order_date >= '2024-01-01' AND year(signup) = 2024",
    );
    const bound = bindExpression(expression, scope);
    if (expression.kind !== 'binary' || expression.left.kind !== 'binary')
      throw new Error();
    expect(bound.implicitCastOf(expression.left.right)).toEqual(date);
    expect(bound.implicitCastOf(expression.left.left)).toBeUndefined();
    const right = expression.right;
    if (right.kind !== 'binary' || right.left.kind !== 'call')
      throw new Error();
    expect(bound.implicitCastOf(right.left.args[0])).toEqual(date);
  });

  it('accepts columns of unknown type anywhere', () => {
    const partial: BindingScope = {
      inputs: [
        {
          alias: 'raw',
          columns: [{ name: 'payload', type: SqlTypes.unknown }],
        },
      ],
    };
    const bound = analyzeExpression('upper(payload) || (payload + 1)', partial);
    expect(bound.type).toEqual(string);
    expect(analyzeExpression('payload * 2', partial).type).toEqual(
      SqlTypes.unknown,
    );
  });

  it('binds against an empty scope for constant expressions', () => {
    const empty: BindingScope = { inputs: [] };
    expect(analyzeExpression("upper('x')", empty).type).toEqual(string);
    expect(bindError('x.y', undefined, empty).message).toBe(
      '1:1: unknown input `x` (this expression has no inputs)',
    );
  });

  it('types every node of the tree', () => {
    const expression = parseExpression('in0.customer_id + 1.5');
    const bound = bindExpression(expression, scope);
    if (expression.kind !== 'binary') throw new Error();
    const types: SqlType[] = [
      expression,
      expression.left,
      expression.right,
    ].map(bound.typeOf);
    expect(types.map(formatSqlType)).toEqual([
      'decimal(12,1)',
      'int',
      'decimal(2,1)',
    ]);
  });
});
