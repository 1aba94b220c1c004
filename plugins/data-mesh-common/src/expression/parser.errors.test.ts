import { ExpressionError, isExpressionError } from './errors';
import { parseExpression } from './parser';

/** The error parsing `text` throws. */
function parseError(text: string): ExpressionError {
  try {
    parseExpression(text);
  } catch (error) {
    if (isExpressionError(error)) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} not to parse`);
}

describe('syntax errors', () => {
  it.each([
    ['upper(name, 1', "1:14: expected ')' but found end of expression", 13, 0],
    ['upper(name 1)', "1:12: expected ',' or ')' but found number 1", 11, 1],
    ['1 +', '1:4: expected an expression but found end of expression', 3, 0],
    ['a b', "1:3: expected end of expression but found 'b'", 2, 1],
    ["name = 'abc", '1:8: unterminated string literal', 7, 4],
    ['`abc + 1', '1:1: unterminated quoted name', 0, 8],
    [
      'CASE WHEN a THEN 1',
      '1:19: expected WHEN, ELSE or END but found end of expression',
      18,
      0,
    ],
    ['CASE END', "1:6: expected WHEN but found 'END'", 5, 3],
    [
      'CAST(x AS float)',
      '1:11: type FLOAT is not supported; use one of string, int, bigint, double, decimal(p,s), boolean, date, timestamp, array<…>',
      10,
      5,
    ],
    [
      'CAST(x AS text)',
      "1:11: unknown type 'text'; use one of string, int, bigint, double, decimal(p,s), boolean, date, timestamp, array<…>",
      10,
      4,
    ],
    ['x IN ()', "1:7: expected an expression but found ')'", 6, 1],
    ['a # b', "1:3: unexpected character '#'", 2, 1],
    ['a & b', "1:3: bitwise operator '&' is not supported", 2, 1],
    ['a != !b', "1:6: unexpected character '!'; write NOT for negation", 5, 1],
    ['12abc + 1', "1:1: invalid number '12abc'", 0, 5],
    ["DATE '2024-02-30'", "1:6: invalid DATE literal '2024-02-30'", 5, 12],
    [
      "TIMESTAMP '2024-01-01 10:00:00+02:00'",
      "1:11: time zones in TIMESTAMP literals are not supported ('2024-01-01 10:00:00+02:00')",
      10,
      27,
    ],
    [
      'upper(\n  name\n  , )',
      "3:5: expected an expression but found ')'",
      18,
      1,
    ],
    [
      'a IS 5',
      '1:6: expected NOT, NULL, TRUE, FALSE or DISTINCT FROM but found number 5',
      5,
      1,
    ],
    ['a /* never closed', '1:3: unterminated comment', 2, 15],
    [
      'sum(x) OVER (ORDER BY)',
      "1:22: expected an expression but found ')'",
      21,
      1,
    ],
    [
      'sum(x) OVER (x)',
      "1:14: expected PARTITION BY, ORDER BY, ROWS, RANGE or ')' but found 'x'",
      13,
      1,
    ],
    [
      'INTERVAL 3 WEEKS',
      '1:12: INTERVAL … WEEK is not supported; write the number of days',
      11,
      5,
    ],
    [
      'INTERVAL 1 YEAR 2 DAYS',
      '1:1: an INTERVAL literal cannot mix years or months with days or smaller units; add two intervals instead',
      0,
      22,
    ],
    [
      "INTERVAL '2-13' YEAR TO MONTH",
      "1:10: invalid INTERVAL '2-13' YEAR TO MONTH: MONTH must be between 0 and 11",
      9,
      20,
    ],
    [
      "INTERVAL '1 2:3:4.5' DAY TO SECOND",
      '1:10: fractions of a second are not supported in INTERVAL literals',
      9,
      25,
    ],
    ['128Y', '1:1: tinyint literal 128Y is out of range (-128 to 127)', 0, 4],
    [
      '-32769S',
      '1:1: smallint literal -32769S is out of range (-32768 to 32767)',
      0,
      7,
    ],
    ['1.5Y', "1:1: invalid number '1.5Y': the Y suffix needs an integer", 0, 4],
    [
      '1F',
      "1:1: numeric suffix 'F' is not supported (float is not part of this language); use D for a double or BD for a decimal",
      0,
      2,
    ],
    [
      "x = X'1F'",
      "1:5: binary literals (X'…') are not supported: the language has no binary type; use a string, or unhex('…') in a SQL gem",
      4,
      5,
    ],
    ['trim(LEADING x s)', "1:16: expected FROM but found 's'", 15, 1],
    [
      "overlay(s PLACING 'x' 2)",
      '1:23: expected FROM but found number 2',
      22,
      1,
    ],
    [
      'substring(s FROM 1 TO 2)',
      "1:20: expected FOR or ')' but found 'TO'",
      19,
      2,
    ],
    [
      'a.b.c',
      '1:4: nested field access (a.b.c) is not supported; a column is written `column` or `input.column`',
      3,
      1,
    ],
    ['a = NOT b', "1:5: expected an expression but found 'NOT'", 4, 3],
    ['x BETWEEN 1', '1:12: expected AND but found end of expression', 11, 0],
    [
      'x LIKE y ESCAPE "ab"',
      '1:17: ESCAPE needs a string of exactly one character',
      16,
      4,
    ],
    [
      '99999999999999999999999999999999999999999',
      '1:1: integer literal 99999999999999999999999999999999999999999 has more than 38 digits',
      0,
      41,
    ],
    [
      "'\\u12'",
      '1:2: invalid unicode escape: \\u needs four hexadecimal digits',
      1,
      5,
    ],
    [
      'a IS NULL IS NULL',
      "1:11: expected end of expression but found 'IS'",
      10,
      2,
    ],
  ])('%j → %s', (text, message, offset, length) => {
    const error = parseError(text);
    expect(error).toBeInstanceOf(ExpressionError);
    expect(error.message).toBe(message);
    expect({ offset: error.offset, length: error.length }).toEqual({
      offset,
      length,
    });
    expect(error.code).not.toBe('too-deep');
  });

  it('reports line and column separately from the reason', () => {
    const error = parseError('upper(name,\n  1');
    expect(error).toMatchObject({
      line: 2,
      column: 4,
      reason: "expected ')' but found end of expression",
      code: 'syntax',
    });
  });

  describe('refuses expressions that nest too deeply, without overflowing the stack', () => {
    it.each([
      ['parentheses', `${'('.repeat(100_000)}1${')'.repeat(100_000)}`],
      ['unary minus', `${'- '.repeat(100_000)}a`],
      ['NOT', `${'NOT '.repeat(100_000)}a`],
      ['function calls', `${'f('.repeat(100_000)}1${')'.repeat(100_000)}`],
      ['a long chain', Array.from({ length: 100_000 }, () => 'a').join(' + ')],
      ['subscripts', `a${'[0]'.repeat(100_000)}`],
      [
        'array types',
        `CAST(x AS ${'ARRAY<'.repeat(100_000)}INT${'>'.repeat(100_000)})`,
      ],
    ])('%s', (_, text) => {
      const error = parseError(text);
      expect(error.code).toBe('too-deep');
      expect(error.reason).toBe(
        'expression nests too deeply (more than 256 levels)',
      );
      expect(error.offset + error.length).toBeLessThanOrEqual(text.length);
    });

    it('accepts nesting up to the limit', () => {
      expect(() =>
        parseExpression(`${'('.repeat(200)}1${')'.repeat(200)}`),
      ).not.toThrow();
      expect(() => parseExpression('1 + 1', { maxDepth: 1 })).toThrow(
        'more than 1 levels',
      );
    });
  });
});
