import { castSafety } from './castSafety';
import { parseSqlType } from './parser';
import { SqlTypes } from './types';

const safety = (from: string, to: string) =>
  castSafety(parseSqlType(from), parseSqlType(to));

describe('castSafety', () => {
  it.each([
    ['int', 'int'],
    ['decimal(12,2)', 'decimal(12,2)'],
    ['array<string>', 'array<string>'],
  ])('%s → %s is the same type', (from, to) => {
    expect(safety(from, to)).toBe('same');
  });

  it.each([
    ['int', 'bigint'],
    ['int', 'decimal(10,0)'],
    ['bigint', 'decimal(19,0)'],
    ['bigint', 'decimal(21,2)'],
    ['bigint', 'decimal(20,0)'],
    ['decimal(9,0)', 'int'],
    ['decimal(18,0)', 'bigint'],
    ['decimal(10,2)', 'decimal(12,2)'],
    ['decimal(12,2)', 'decimal(22,2)'],
    ['decimal(5,2)', 'decimal(6,3)'],
    ['int', 'double'],
    ['decimal(15,2)', 'double'],
    ['date', 'timestamp'],
    ['boolean', 'int'],
    ['decimal(12,2)', 'string'],
    ['timestamp', 'string'],
    ['array<int>', 'array<bigint>'],
  ])('%s → %s widens', (from, to) => {
    expect(safety(from, to)).toBe('widening');
  });

  it.each([
    ['decimal(22,2)', 'decimal(12,2)'],
    ['decimal(12,4)', 'decimal(12,2)'],
    ['decimal(5,2)', 'decimal(5,3)'],
    ['double', 'decimal(38,10)'],
    ['double', 'bigint'],
    ['bigint', 'int'],
    ['decimal(10,0)', 'int'],
    ['decimal(19,0)', 'bigint'],
    ['decimal(10,2)', 'int'],
    ['int', 'decimal(9,0)'],
    ['bigint', 'decimal(18,0)'],
    ['bigint', 'decimal(20,2)'],
    ['bigint', 'double'],
    ['decimal(16,2)', 'double'],
    ['timestamp', 'date'],
    ['string', 'int'],
    ['string', 'date'],
    ['int', 'boolean'],
    ['array<bigint>', 'array<int>'],
  ])('%s → %s may lose data', (from, to) => {
    expect(safety(from, to)).toBe('lossy');
  });

  it.each([
    ['decimal(12,2)', 'date'],
    ['date', 'int'],
    ['timestamp', 'decimal(10,0)'],
    ['boolean', 'date'],
    ['array<int>', 'int'],
    ['string', 'array<string>'],
    ['array<date>', 'array<int>'],
  ])('%s → %s cannot be cast', (from, to) => {
    expect(safety(from, to)).toBe('impossible');
  });

  it('lets NULL and columns of unknown type convert to anything', () => {
    expect(castSafety(SqlTypes.null, SqlTypes.date)).toBe('widening');
    expect(castSafety(SqlTypes.unknown, SqlTypes.int)).toBe('widening');
  });
});
