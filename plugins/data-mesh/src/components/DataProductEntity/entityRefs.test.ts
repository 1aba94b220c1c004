import { totalSales } from './__testUtils__/totalSales';
import { completeEntityRef } from './entityRefs';

describe('completeEntityRef', () => {
  it('completes short references with the kind and the entity namespace', () => {
    const elsewhere = {
      ...totalSales,
      metadata: { ...totalSales.metadata, namespace: 'finance' },
    };
    expect(completeEntityRef('sales', 'domain', elsewhere)).toEqual({
      kind: 'domain',
      namespace: 'finance',
      name: 'sales',
    });
    expect(
      completeEntityRef('group:default/sales-analytics', 'group', elsewhere),
    ).toEqual({ kind: 'group', namespace: 'default', name: 'sales-analytics' });
  });

  it('gives nothing for a missing or unreadable reference', () => {
    expect(completeEntityRef(undefined, 'domain', totalSales)).toBeUndefined();
    expect(completeEntityRef('group:', 'domain', totalSales)).toBeUndefined();
  });
});
