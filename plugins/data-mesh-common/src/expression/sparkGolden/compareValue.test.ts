import { SqlTypes } from '../types';
import { sameValue, splitSparkArray } from './compareValue';

describe('sameValue: DuckDB values against what Spark prints', () => {
  it.each([
    [SqlTypes.int, '-2147483648', -2147483648, true],
    [SqlTypes.bigint, '9223372036854775807', '9223372036854775807', true],
    [SqlTypes.bigint, '9223372036854775807', '9223372036854775806', false],
    [SqlTypes.decimal(6, 2), '30.90', '30.9', true],
    [SqlTypes.decimal(6, 2), '-0.00', '0', true],
    [SqlTypes.decimal(6, 2), '30.90', '30.91', false],
    [SqlTypes.double, '1.0E10', 10000000000, true],
    [SqlTypes.double, '0.6420926159343306', 0.6420926159343305, true],
    [SqlTypes.double, '0.1', 0.1000001, false],
    [SqlTypes.double, 'NaN', 'NaN', true],
    [SqlTypes.double, 'Infinity', 'Infinity', true],
    [SqlTypes.double, '-Infinity', 'Infinity', false],
    [SqlTypes.double, 'NULL', null, true],
    [SqlTypes.double, 'NULL', 0, false],
    [SqlTypes.string, '', '', true],
    [SqlTypes.string, 'NULL', '', false],
    [SqlTypes.date, '-0001-01-28', '0002-01-28 (BC)', true],
    [SqlTypes.date, '+999999-03-18', '999999-03-18', true],
    [
      SqlTypes.timestamp,
      '2021-01-01 00:00:02.12',
      '2021-01-01 00:00:02.120',
      true,
    ],
    [
      SqlTypes.timestamp,
      '-1969-12-31 16:00:00',
      '1970-12-31 (BC) 16:00:00',
      true,
    ],
    [SqlTypes.timestamp, '2021-01-01 00:00:02', '2021-01-01 00:00:03', false],
    [SqlTypes.array(SqlTypes.string), '["a","",null]', ['a', '', null], true],
    [SqlTypes.array(SqlTypes.int), '[1,2]', [1, 2, 3], false],
    [
      SqlTypes.array(SqlTypes.date),
      '[2016-03-13,2016-03-14]',
      ['2016-03-13', '2016-03-14'],
      true,
    ],
    [
      SqlTypes.array(SqlTypes.array(SqlTypes.int)),
      '[[1,null],[]]',
      [[1, null], []],
      true,
    ],
    [undefined, '3 months 1 hours', '3 months 1 hours', true],
  ])('%j: Spark %s, DuckDB %j → %s', (type, output, value, expected) => {
    expect(sameValue(type, output, value)).toBe(expected);
  });

  it('splits nested arrays and quoted strings at the top level only', () => {
    expect(splitSparkArray('[[1,2],"a,b",null]')).toEqual([
      '[1,2]',
      '"a,b"',
      'null',
    ]);
    expect(splitSparkArray('not an array')).toBeUndefined();
  });
});
