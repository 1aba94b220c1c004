import { dataProductRank } from './rank';

describe('dataProductRank', () => {
  it('puts a fresh product with passing rules first and a stale failing one last', () => {
    const ranks = [
      dataProductRank({ qualityScore: 1, freshnessStatus: 'fresh' }),
      dataProductRank({ qualityScore: 0.9, freshnessStatus: 'fresh' }),
      dataProductRank({ qualityScore: 1, freshnessStatus: 'stale' }),
      dataProductRank({ qualityScore: 0.2, freshnessStatus: 'stale' }),
    ];

    expect(ranks).toEqual([0.75, 0.68, 0.38, 0.08]);
  });

  it('ranks an unmeasured product between measured good and bad ones', () => {
    const unmeasured = dataProductRank({
      qualityScore: undefined,
      freshnessStatus: 'unknown',
    });

    expect(unmeasured).toBe(0.28);
    expect(unmeasured).toBeLessThan(
      dataProductRank({ qualityScore: 1, freshnessStatus: 'fresh' }),
    );
    expect(unmeasured).toBeGreaterThan(
      dataProductRank({ qualityScore: 0, freshnessStatus: 'fresh' }),
    );
  });

  it('puts the more widely used of two equally reliable products first', () => {
    const rank = (subscribers: number) =>
      dataProductRank({
        qualityScore: 1,
        freshnessStatus: 'fresh',
        subscribers,
      });

    expect([0, 1, 3, 9, 1000].map(rank)).toEqual([0.75, 0.81, 0.88, 0.94, 1]);
    expect(rank(0)).toBe(
      dataProductRank({ qualityScore: 1, freshnessStatus: 'fresh' }),
    );
  });

  it('keeps a stale or failing product below a reliable one however widely used', () => {
    const reliableUnused = dataProductRank({
      qualityScore: 1,
      freshnessStatus: 'fresh',
      subscribers: 0,
    });

    expect(
      dataProductRank({
        qualityScore: 1,
        freshnessStatus: 'stale',
        subscribers: 500,
      }),
    ).toBeLessThan(reliableUnused);
    expect(
      dataProductRank({
        qualityScore: 0.6,
        freshnessStatus: 'fresh',
        subscribers: 500,
      }),
    ).toBeLessThan(reliableUnused);
  });
});
