import {
  demoValueCanonicaliser,
  formatCents,
  formatDecimal,
  formatIsoTimestamp,
  parseDecimalText,
} from './columnValues';

describe('column values', () => {
  it('formats fixed-point decimals with exactly the scale', () => {
    expect(formatDecimal(1990n, 2)).toBe('19.90');
    expect(formatDecimal(5n, 2)).toBe('0.05');
    expect(formatDecimal(-5n, 2)).toBe('-0.05');
    expect(formatDecimal(123n, 0)).toBe('123');
    expect(formatCents(0)).toBe('0.00');
    expect(formatCents(100_005)).toBe('1000.05');
    expect(formatCents(-1_250)).toBe('-12.50');
    expect(parseDecimalText('19.90', 2)).toBe(1990n);
  });

  it('formats timestamps as ISO text, with microseconds only when present', () => {
    const micros = BigInt(Date.UTC(2026, 5, 30, 14, 5, 9)) * 1000n;
    expect(formatIsoTimestamp(micros)).toBe('2026-06-30T14:05:09');
    expect(formatIsoTimestamp(micros + 42n)).toBe('2026-06-30T14:05:09.000042');
    expect(formatIsoTimestamp(-1n)).toBe('1969-12-31T23:59:59.999999');
  });

  it('canonicalises in-memory values by column type', () => {
    expect(demoValueCanonicaliser('BIGINT')(1_000_001)).toBe('1000001');
    expect(demoValueCanonicaliser('BOOLEAN')(false)).toBe('false');
    expect(demoValueCanonicaliser('DATE')('2026-06-30')).toBe('2026-06-30');
    expect(demoValueCanonicaliser('TIMESTAMP')('2026-06-30 14:05:09')).toBe(
      '2026-06-30T14:05:09',
    );
    expect(demoValueCanonicaliser('DECIMAL(10,2)')('19.90')).toBe('19.90');
    expect(demoValueCanonicaliser('VARCHAR')(null)).toBeNull();
  });

  it('rejects values that are not in the canonical in-memory form', () => {
    const decimal = demoValueCanonicaliser('DECIMAL(5,2)');
    expect(() => decimal('19.9')).toThrow(
      /Invalid DECIMAL\(5,2\) value "19.9"/,
    );
    expect(() => decimal('1000.00')).toThrow(/Invalid/);
    expect(() => decimal(19.9)).toThrow(/Invalid/);
    expect(() => demoValueCanonicaliser('INTEGER')(1.5)).toThrow(/Invalid/);
    expect(() => demoValueCanonicaliser('DATE')('2026-6-30')).toThrow(
      /Invalid/,
    );
    expect(() => demoValueCanonicaliser('HUGEINT')).toThrow(/Unsupported/);
  });
});
