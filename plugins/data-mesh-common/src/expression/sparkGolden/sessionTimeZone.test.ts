import { outputInUtc, wallClockInUtc } from './sessionTimeZone';

describe('golden outputs restated in UTC', () => {
  it('moves a Los Angeles wall clock to UTC, in winter, summer and 1931', () => {
    const zone = 'America/Los_Angeles';
    expect(wallClockInUtc('2008-12-25 07:30:00', zone)).toBe(
      '2008-12-25 15:30:00',
    );
    expect(wallClockInUtc('2008-07-04 07:30:00.123', zone)).toBe(
      '2008-07-04 14:30:00.123',
    );
    expect(wallClockInUtc('1931-01-07 00:30:00', zone)).toBe(
      '1931-01-07 08:30:00',
    );
  });

  it('restates only timestamps made from epoch values', () => {
    expect(
      outputInUtc('TIMESTAMP_SECONDS(1230219000)', '2008-12-25 07:30:00'),
    ).toBe('2008-12-25 15:30:00');
    expect(
      outputInUtc("TIMESTAMP '2008-12-25 07:30:00'", '2008-12-25 07:30:00'),
    ).toBe('2008-12-25 07:30:00');
    expect(outputInUtc('timestamp_seconds(NULL)', 'NULL')).toBe('NULL');
  });
});
