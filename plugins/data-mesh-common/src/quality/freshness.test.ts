import { freshnessStatus } from './freshness';

const NOW = new Date('2024-05-02T12:00:00Z');

describe('freshnessStatus', () => {
  it('is fresh within the SLA', () => {
    expect(freshnessStatus(new Date('2024-05-02T02:00:00Z'), 26, NOW)).toEqual({
      status: 'fresh',
      ageHours: 10,
      message: 'last written 10 h ago, within the 26 h SLA',
    });
  });

  it('is fresh exactly at the SLA and stale after it', () => {
    expect(
      freshnessStatus(new Date('2024-05-01T10:00:00Z'), 26, NOW).status,
    ).toBe('fresh');
    expect(freshnessStatus(new Date('2024-05-01T05:30:00Z'), 26, NOW)).toEqual({
      status: 'stale',
      ageHours: 30.5,
      message: 'last written 30.5 h ago; the SLA is 26 h',
    });
  });

  it('is unknown without a write or without an SLA', () => {
    expect(freshnessStatus(undefined, 26, NOW)).toEqual({
      status: 'unknown',
      message: 'no successful write recorded yet',
    });
    expect(
      freshnessStatus(new Date('2024-05-01T12:00:00Z'), undefined, NOW),
    ).toEqual({
      status: 'unknown',
      ageHours: 24,
      message: 'last written 24 h ago; the contract sets no freshness SLA',
    });
  });

  it('does not throw on invalid times', () => {
    expect(freshnessStatus(new Date('nonsense'), 26, NOW).status).toBe(
      'unknown',
    );
    expect(freshnessStatus(NOW, 26, new Date('nonsense')).status).toBe(
      'unknown',
    );
    expect(freshnessStatus(NOW, Number.NaN, NOW).status).toBe('unknown');
  });

  it('counts a write stamped in the future as fresh', () => {
    expect(
      freshnessStatus(new Date('2024-05-02T13:30:00Z'), 26, NOW),
    ).toMatchObject({
      status: 'fresh',
      message: 'last written 1.5 h in the future, within the 26 h SLA',
    });
  });
});
