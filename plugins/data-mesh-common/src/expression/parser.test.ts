import { sexpr } from './__testUtils__/sexpr';
import { ExpressionError } from './errors';
import { parseExpression, parseSqlType, tryParseExpression } from './parser';
import { formatExpression } from './render';
import { SqlTypes } from './types';

const tree = (text: string) => sexpr(parseExpression(text));

describe('parseExpression', () => {
  describe('follows Spark precedence', () => {
    it.each([
      ['1 + 2 * 3', '(+ 1 (* 2 3))'],
      ['(1 + 2) * 3', '(* (+ 1 2) 3)'],
      ['1 - 2 - 3', '(- (- 1 2) 3)'],
      ['8 / 4 / 2', '(/ (/ 8 4) 2)'],
      ['a % b * c', '(* (% a b) c)'],
      ['a DIV b + c', '(+ (DIV a b) c)'],
      ['-a * b', '(* (- a) b)'],
      ['- -a', '(- (- a))'],
      ['a || b + c', '(+ (|| a b) c)'],
      ['a + b = c * d', '(= (+ a b) (* c d))'],
      ['a = b = c', '(= (= a b) c)'],
      ['a = 1 AND b = 2 OR c', '(OR (AND (= a 1) (= b 2)) c)'],
      ['a OR b AND c', '(OR a (AND b c))'],
      ['a OR b OR c', '(OR (OR a b) c)'],
      ['NOT a = b', '(NOT (= a b))'],
      ['NOT a AND b', '(AND (NOT a) b)'],
      ['NOT NOT a', '(NOT (NOT a))'],
      ['a = b IS NULL', '(IS NULL (= a b))'],
      ['NOT a IS NULL', '(NOT (IS NULL a))'],
      ['a + 1 BETWEEN 2 AND 3 AND c', '(AND (BETWEEN (+ a 1) 2 3) c)'],
      ['a NOT BETWEEN b - 1 AND b + 1', '(NOT BETWEEN a (- b 1) (+ b 1))'],
      ['x IN (1, 2) OR y', '(OR (IN x 1 2) y)'],
      ["a || 'x' LIKE 'a%'", '(LIKE (|| a "x") "a%")'],
      ['-x::int', '(- (CAST x int))'],
      ['a[0] + 1', '(+ ([] a 0) 1)'],
    ])('%s', (text, expected) => {
      expect(tree(text)).toBe(expected);
    });
  });

  describe('reads every construct of the language', () => {
    it.each([
      ['42', '42'],
      ['-42', '-42'],
      ['2147483648', '2147483648'],
      ['7L', '7L'],
      ['1.50', '1.50'],
      ['.5', '.5'],
      ['1.5BD', '1.5BD'],
      ['1e3', '1e3'],
      ['2D', '2D'],
      ["'It''s'", '"It\'s"'],
      ["'It\\'s'", '"It\'s"'],
      ['"double quoted"', '"double quoted"'],
      ["'tab\\there\\n'", '"tab\\there\\n"'],
      ["'\\u00e9t\\u00e9'", '"été"'],
      ["'a\\_b\\%'", '"a\\\\_b\\\\%"'],
      ["r'\\d+'", '"\\\\d+"'],
      ['TRUE', 'TRUE'],
      ['false', 'FALSE'],
      ['NULL', 'NULL'],
      ["DATE '2024-1-5'", 'DATE:2024-01-05'],
      ["TIMESTAMP '2024-01-05T10:11'", 'TIMESTAMP:2024-01-05 10:11:00'],
      [
        "timestamp '2024-01-05 10:11:12.250'",
        'TIMESTAMP:2024-01-05 10:11:12.250',
      ],
      ['INTERVAL 3 DAYS', 'INTERVAL:3:DAY'],
      ["INTERVAL '-2' MONTH", 'INTERVAL:-2:MONTH'],
      ['INTERVAL -1 HOUR', 'INTERVAL:-1:HOUR'],
      ['customer_id', 'customer_id'],
      ['in0.customer_id', 'in0.customer_id'],
      ['`order id`', 'order id'],
      ['`in 0`.`a``b`', 'in 0.a`b'],
      ['in0.end', 'in0.end'],
      ['date', 'date'],
      ['interval', 'interval'],
      ['a == b', '(= a b)'],
      ['a <> b', '(!= a b)'],
      ['a != b', '(!= a b)'],
      ['a <=> b', '(<=> a b)'],
      ['a IS NOT DISTINCT FROM b', '(<=> a b)'],
      ['a IS DISTINCT FROM b', '(NOT (<=> a b))'],
      ['x IS NOT NULL', '(IS NOT NULL x)'],
      ['x IS TRUE', '(IS TRUE x)'],
      ['x IS NOT FALSE', '(IS NOT FALSE x)'],
      ['x NOT IN (1, 2)', '(NOT IN x 1 2)'],
      ["x NOT LIKE 'a%'", '(NOT LIKE x "a%")'],
      ["x LIKE 'a!%' ESCAPE '!'", '(LIKE x "a!%" ESCAPE "!")'],
      ["x ILIKE 'A%'", '(ILIKE x "A%")'],
      ["x RLIKE '^a'", '(RLIKE x "^a")'],
      ["x NOT REGEXP '^a'", '(NOT RLIKE x "^a")'],
      [
        'CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END',
        '(CASE (WHEN a 1) (WHEN b 2) (ELSE 3))',
      ],
      ["CASE x WHEN 1 THEN 'one' END", '(CASE x (WHEN 1 "one"))'],
      ['CAST(x AS DECIMAL(10, 2))', '(CAST x decimal(10,2))'],
      ['CAST(x AS decimal)', '(CAST x decimal(10,0))'],
      [
        'TRY_CAST(x AS ARRAY<ARRAY<STRING>>)',
        '(TRY_CAST x array<array<string>>)',
      ],
      ['CAST(x AS VARCHAR(20))', '(CAST x string)'],
      ['x::long', '(CAST x bigint)'],
      ['upper(name)', '(upper name)'],
      ['`upper`(name)', '(upper name)'],
      ['rlike(name, 1)', '(rlike name 1)'],
      ['pi()', '(pi)'],
      ['count(*)', '(count *)'],
      ['count(DISTINCT a)', '(count DISTINCT a)'],
      ['current_date', '(current_date)'],
      ['CURRENT_TIMESTAMP()', '(CURRENT_TIMESTAMP)'],
      ['split(s, ",")[0]', '([] (split s ",") 0)'],
      ['row_number() OVER ()', '(OVER (row_number))'],
      [
        'sum(x) OVER (PARTITION BY a, b ORDER BY c DESC NULLS LAST, d ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)',
        '(OVER (sum x) (PARTITION a b) (ORDER c DESC NULLS LAST, d) (ROWS 2 PRECEDING .. CURRENT ROW))',
      ],
      [
        'avg(x) OVER (ORDER BY t RANGE UNBOUNDED PRECEDING)',
        '(OVER (avg x) (ORDER t) (RANGE UNBOUNDED PRECEDING))',
      ],
      ['a -- comment\n + /* block /* nested */ */ b', '(+ a b)'],
    ])('%s', (text, expected) => {
      expect(tree(text)).toBe(expected);
    });
  });

  it('records the source span of every node', () => {
    const expression = parseExpression('(in0.a + 1) *\n  `b c`');
    expect(expression.span).toEqual({ offset: 0, end: 21, line: 1, column: 1 });
    if (expression.kind !== 'binary' || expression.right.kind !== 'column') {
      throw new Error('unexpected tree');
    }
    expect(expression.right.span).toEqual({
      offset: 16,
      end: 21,
      line: 2,
      column: 3,
    });
    const left = expression.left;
    if (left.kind !== 'binary' || left.left.kind !== 'column')
      throw new Error('unexpected tree');
    expect(left.span).toEqual({ offset: 1, end: 10, line: 1, column: 2 });
    expect(left.left.qualifier?.span).toEqual({
      offset: 1,
      end: 4,
      line: 1,
      column: 2,
    });
    expect(left.left.name.span).toEqual({
      offset: 5,
      end: 6,
      line: 1,
      column: 6,
    });
  });

  it('returns errors as values from tryParseExpression', () => {
    expect(tryParseExpression('upper(name, 1')).toEqual({
      ok: false,
      error: expect.any(ExpressionError),
    });
    expect(tryParseExpression('1 + 1')).toMatchObject({ ok: true });
  });
});

describe('formatExpression', () => {
  it.each([
    ['upper( name )', 'upper(name)'],
    ['UCASE(Name)', 'upper(Name)'],
    ['NVL(a, 0)', 'nvl(a, 0)'],
    ['a==b', 'a = b'],
    ['a<>b', 'a != b'],
    ['(a + b) * c', '(a + b) * c'],
    ['a + (b * c)', 'a + b * c'],
    ['a - (b - c)', 'a - (b - c)'],
    ['a = b = c', '(a = b) = c'],
    ['a = (b = c)', 'a = (b = c)'],
    ['a and b or c', '(a AND b) OR c'],
    ['not (a and b)', 'NOT (a AND b)'],
    ['(a or b) and c', '(a OR b) AND c'],
    ['- (-1)', '-(-1)'],
    ['- - a', '-(-a)'],
    ['2 - -1', '2 - -1'],
    ["'it''s'", "'it\\'s'"],
    ["r'C:\\temp'", "'C:\\\\temp'"],
    ["date '2024-1-5'", "DATE '2024-01-05'"],
    ['interval -3 days', 'INTERVAL -3 DAY'],
    // Spark's other literal and keyword forms, read as the plain forms they mean.
    ["INTERVAL '2-2' YEAR TO MONTH", 'INTERVAL 26 MONTH'],
    ["INTERVAL '-1-6' YEAR TO MONTH", 'INTERVAL -18 MONTH'],
    ["INTERVAL '1 02:03:04' DAY TO SECOND", 'INTERVAL 93784 SECOND'],
    ["INTERVAL '10:30' HOUR TO MINUTE", 'INTERVAL 630 MINUTE'],
    ['INTERVAL 1 DAY 2 HOURS', 'INTERVAL 26 HOUR'],
    ['INTERVAL -1 YEAR 3 MONTHS', 'INTERVAL -9 MONTH'],
    ['1Y + 2S', '1Y + 2S'],
    ['-128Y', '-128Y'],
    ["TIMESTAMP_NTZ '2024-01-05 10:11:12'", "TIMESTAMP '2024-01-05 10:11:12'"],
    ['extract(YEAR FROM d)', "date_part('YEAR', d)"],
    ['EXTRACT(dow from d)', "date_part('DOW', d)"],
    ["trim(BOTH 'x' FROM s)", "trim(BOTH 'x' FROM s)"],
    ["trim('x' FROM s)", "trim(BOTH 'x' FROM s)"],
    ["trim(LEADING 'x' FROM s)", "trim(LEADING 'x' FROM s)"],
    ['trim(TRAILING FROM s)', 'rtrim(s)'],
    ['trim(FROM s)', 'trim(s)'],
    ['trim(both)', 'trim(`both`)'],
    ['substring(s FROM 2 FOR 3)', 'substring(s, 2, 3)'],
    ['substr(s FROM a + 1)', 'substring(s, a + 1)'],
    ["position('b' IN s)", "locate('b', s)"],
    ['position(a)', 'locate(a)'],
    ["overlay(s PLACING 'x' FROM 2 FOR 3)", "overlay(s, 'x', 2, 3)"],
    ["overlay(s, 'x', 2)", "overlay(s, 'x', 2)"],
    ['datediff(MONTH, a, b)', 'datediff(MONTH, a, b)'],
    ['x::string', 'CAST(x AS STRING)'],
    ['try_cast(x as array<int>)', 'TRY_CAST(x AS ARRAY<INT>)'],
    [
      '`select` + `order id` + `customer_id`',
      '`select` + `order id` + customer_id',
    ],
    ['count(*) over ()', 'count(*) OVER ()'],
    ['current_date', 'current_date()'],
    ["x not regexp 'a'", "x NOT RLIKE 'a'"],
    ['case when a then 1 end', 'CASE WHEN a THEN 1 END'],
    ['(a = b) is null', '(a = b) IS NULL'],
    ['a between 1 and 2', 'a BETWEEN 1 AND 2'],
    ['my_udf(a, 1)', 'my_udf(a, 1)'],
  ])('%s → %s', (text, expected) => {
    expect(formatExpression(parseExpression(text))).toBe(expected);
  });

  it('formats to text that parses back to the same tree', () => {
    const text =
      "CASE WHEN a.x IN (1, 2) AND NOT b LIKE 'q%' THEN -(1 + c) * 2 ELSE coalesce(d, e[0]) END";
    const once = parseExpression(text);
    expect(sexpr(parseExpression(formatExpression(once)))).toBe(sexpr(once));
  });
});

describe('parseSqlType', () => {
  it('reads Spark type names', () => {
    expect(parseSqlType('decimal(10,2)')).toEqual(SqlTypes.decimal(10, 2));
    expect(parseSqlType('ARRAY<string>')).toEqual(
      SqlTypes.array(SqlTypes.string),
    );
    expect(parseSqlType('Integer')).toEqual(SqlTypes.int);
    expect(parseSqlType('long')).toEqual(SqlTypes.bigint);
  });

  it('rejects types outside the language', () => {
    expect(() => parseSqlType('float')).toThrow(
      '1:1: type FLOAT is not supported; use one of string, int, bigint, double, decimal(p,s), boolean, date, timestamp, array<…>',
    );
    expect(() => parseSqlType('decimal(40, 2)')).toThrow(
      '1:9: a precision must be between 1 and 38',
    );
    expect(() => parseSqlType('decimal(4, 5)')).toThrow(
      '1:12: decimal scale 5 is larger than its precision 4',
    );
  });
});
