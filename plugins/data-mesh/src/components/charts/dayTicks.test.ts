import { dayTicks } from './dayTicks';

const at = (text: string) => new Date(text).getTime();

describe('dayTicks', () => {
  it('puts ticks on midnights inside the range', () => {
    const ticks = dayTicks(at('2026-11-06T06:04'), at('2026-11-09T06:04'), 800);
    expect(ticks.map(t => new Date(t).getDate())).toEqual([7, 8, 9]);
    for (const tick of ticks) {
      expect(new Date(tick).getHours()).toBe(0);
      expect(new Date(tick).getMinutes()).toBe(0);
    }
  });

  it('spaces a month of daily checks so that no two labels are closer than the spacing', () => {
    const from = at('2026-11-06T06:04');
    const to = at('2026-12-05T06:04');
    const width = 680;
    const ticks = dayTicks(from, to, width, 80);
    expect(ticks.length).toBeGreaterThan(2);
    expect(ticks.length).toBeLessThanOrEqual(Math.floor(width / 80));
    const pixelsPerMs = width / (to - from);
    for (let i = 1; i < ticks.length; i++) {
      expect((ticks[i] - ticks[i - 1]) * pixelsPerMs).toBeGreaterThanOrEqual(
        80,
      );
    }
  });

  it('has no ticks for an empty or reversed range', () => {
    expect(dayTicks(NaN, NaN, 500)).toEqual([]);
    expect(dayTicks(at('2026-11-09'), at('2026-11-06'), 500)).toEqual([]);
  });
});
