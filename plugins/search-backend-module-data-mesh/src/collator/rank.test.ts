import { dataProductRank } from './rank';

describe('dataProductRank', () => {
  it('puts a fresh product with passing rules first and a stale failing one last', () => {
    const ranks = [
      dataProductRank({ qualityScore: 1, freshnessStatus: 'fresh' }),
      dataProductRank({ qualityScore: 0.9, freshnessStatus: 'fresh' }),
      dataProductRank({ qualityScore: 1, freshnessStatus: 'stale' }),
      dataProductRank({ qualityScore: 0.2, freshnessStatus: 'stale' }),
    ];

    expect(ranks).toEqual([1, 0.9, 0.5, 0.1]);
  });

  it('ranks an unmeasured product between measured good and bad ones', () => {
    const unmeasured = dataProductRank({
      qualityScore: undefined,
      freshnessStatus: 'unknown',
    });

    expect(unmeasured).toBe(0.38);
    expect(unmeasured).toBeLessThan(
      dataProductRank({ qualityScore: 1, freshnessStatus: 'fresh' }),
    );
    expect(unmeasured).toBeGreaterThan(
      dataProductRank({ qualityScore: 0, freshnessStatus: 'fresh' }),
    );
  });
});
