import { measure, median, percentile } from './timing';

describe('timing', () => {
  it('takes the median of odd and even counts without sorting the input', () => {
    const values = [5, 1, 3];
    expect(median(values)).toBe(3);
    expect(values).toEqual([5, 1, 3]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow('median of no values');
  });

  it('takes nearest-rank percentiles', () => {
    const values = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    expect(percentile(values, 0.9)).toBe(90);
    expect(percentile(values, 1)).toBe(100);
    expect(percentile(values, 0)).toBe(10);
  });

  it('measures each run after the warm-up', async () => {
    let calls = 0;
    const durations = await measure(
      () => {
        calls++;
      },
      { warmup: 2, runs: 3 },
    );
    expect(calls).toBe(5);
    expect(durations).toHaveLength(3);
    expect(durations.every(d => d >= 0)).toBe(true);
  });
});
