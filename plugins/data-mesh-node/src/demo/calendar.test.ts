import { epochDay, isoDate, monthOf, timestampText, weekday } from './calendar';

describe('calendar', () => {
  it('converts between ISO dates and epoch days', () => {
    expect(epochDay('1970-01-01')).toBe(0);
    expect(epochDay('2024-02-29')).toBe(19_782);
    expect(isoDate(19_782)).toBe('2024-02-29');
    expect(isoDate(epochDay('2026-06-30') + 1)).toBe('2026-07-01');
  });

  it('rejects text that is not an ISO date', () => {
    expect(() => epochDay('30/06/2026')).toThrow(/ISO date/);
  });

  it('knows weekdays and months', () => {
    expect(weekday(epochDay('2026-06-30'))).toBe(2); // a Tuesday
    expect(weekday(epochDay('2024-01-07'))).toBe(0); // a Sunday
    expect(monthOf(epochDay('2025-12-31'))).toBe(12);
  });

  it("writes timestamps in DuckDB's text form", () => {
    expect(timestampText(epochDay('2026-06-30'), 14 * 3600 + 5 * 60 + 9)).toBe(
      '2026-06-30 14:05:09',
    );
  });
});
