import {
  arithmeticResultType,
  canCast,
  commonSupertype,
  comparisonCoercion,
} from './typeRules';
import { formatSqlType, SqlTypes } from './types';

const { string, int, bigint, double, date, timestamp, boolean } = SqlTypes;
const decimal = SqlTypes.decimal;

describe('arithmeticResultType', () => {
  it.each([
    ['+', int, int, 'int'],
    ['+', int, bigint, 'bigint'],
    ['*', bigint, double, 'double'],
    ['/', int, int, 'double'],
    ['+', decimal(10, 2), decimal(5, 3), 'decimal(12,3)'],
    ['*', decimal(10, 2), decimal(5, 3), 'decimal(16,5)'],
    ['/', decimal(10, 2), decimal(5, 3), 'decimal(19,8)'],
    ['%', decimal(10, 2), decimal(5, 3), 'decimal(5,3)'],
    ['+', decimal(10, 2), int, 'decimal(13,2)'],
    ['*', decimal(38, 10), decimal(38, 10), 'decimal(38,6)'],
    ['/', decimal(38, 0), decimal(38, 0), 'decimal(38,6)'],
  ] as const)('%s of %j and %j is %s', (operator, a, b, expected) => {
    expect(formatSqlType(arithmeticResultType(operator, a, b))).toBe(expected);
  });
});

describe('commonSupertype', () => {
  it('widens numbers, dates and arrays, and lets NULL take any type', () => {
    expect(commonSupertype(int, decimal(5, 2))).toEqual(decimal(12, 2));
    expect(commonSupertype(date, timestamp)).toEqual(timestamp);
    expect(commonSupertype(SqlTypes.null, string)).toEqual(string);
    expect(
      commonSupertype(SqlTypes.array(int), SqlTypes.array(double)),
    ).toEqual(SqlTypes.array(double));
  });

  it('does not turn strings into numbers', () => {
    expect(commonSupertype(string, int)).toBeUndefined();
    expect(commonSupertype(boolean, int)).toBeUndefined();
  });
});

describe('comparisonCoercion', () => {
  it('reads a string compared with a date as a date', () => {
    expect(comparisonCoercion(date, string)).toEqual({
      type: date,
      convertRight: date,
    });
    expect(comparisonCoercion(string, timestamp)).toEqual({
      type: timestamp,
      convertLeft: timestamp,
    });
    expect(comparisonCoercion(string, int)).toBeUndefined();
  });
});

describe('canCast', () => {
  it('allows the conversions both dialects define alike', () => {
    expect(canCast(string, date)).toBe(true);
    expect(canCast(double, int)).toBe(true);
    expect(canCast(SqlTypes.array(int), string)).toBe(true);
    expect(canCast(timestamp, date)).toBe(true);
  });

  it('refuses the others', () => {
    expect(canCast(date, int)).toBe(false);
    expect(canCast(int, date)).toBe(false);
    expect(canCast(SqlTypes.array(int), int)).toBe(false);
    expect(canCast(SqlTypes.interval('DAY'), string)).toBe(false);
  });
});
