import { toQueryValue } from './sparkValues';

describe('toQueryValue', () => {
  it('keeps exact numbers as strings whichever form the driver hands over', () => {
    // Arrow results with preserveBigNumericPrecision: bigint and exact text.
    expect(toQueryValue(9007199254740993n, 'bigint')).toBe('9007199254740993');
    expect(toQueryValue('12.50', 'decimal(10,2)')).toBe('12.50');
    // Column-based results: the driver's numbers, with the scale restored.
    expect(toQueryValue(12.5, 'decimal(10,2)')).toBe('12.50');
    expect(toQueryValue(42, 'bigint')).toBe('42');
  });

  it('writes dates and timestamps in ISO 8601', () => {
    expect(toQueryValue(new Date('2024-02-29T00:00:00Z'), 'date')).toBe(
      '2024-02-29',
    );
    expect(toQueryValue('2024-02-29', 'date')).toBe('2024-02-29');
    expect(
      toQueryValue(new Date('2024-01-02T03:04:05.123Z'), 'timestamp'),
    ).toBe('2024-01-02T03:04:05.123Z');
    expect(toQueryValue('2024-01-02 03:04:05.123456', 'timestamp')).toBe(
      '2024-01-02T03:04:05.123456',
    );
  });

  it('names non-finite doubles and encodes binary as base64', () => {
    expect(toQueryValue(Number.NaN, 'double')).toBe('NaN');
    expect(toQueryValue(-Infinity, 'float')).toBe('-Infinity');
    expect(toQueryValue(Buffer.from('hi'), 'binary')).toBe('aGk=');
    expect(toQueryValue(null, 'int')).toBeNull();
  });

  it('keeps nested values, with maps as key and value entries', () => {
    expect(toQueryValue('["a",null]', 'array')).toEqual(['a', null]);
    expect(toQueryValue([1n, 2n], 'array<bigint>')).toEqual(['1', '2']);
    expect(toQueryValue('{"x":1}', 'map')).toEqual([{ key: 'x', value: 1 }]);
    expect(toQueryValue(new Map([['y', 2]]), 'map<string,int>')).toEqual([
      { key: 'y', value: 2 },
    ]);
    expect(toQueryValue({ a: 1, b: 'two' }, 'struct<a:int,b:string>')).toEqual({
      a: 1,
      b: 'two',
    });
  });
});
