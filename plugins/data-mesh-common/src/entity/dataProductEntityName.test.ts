import { dataProductEntityName } from './dataProductEntityName';

describe('dataProductEntityName', () => {
  it.each([
    ['TotalSales', 'total-sales'],
    ['CustomerOrder', 'customer-order'],
    ['bronze_order_lines', 'bronze-order-lines'],
    ['Join-customers-redo', 'join-customers-redo'],
    ['HTMLPage2Views', 'html-page2-views'],
    ['_private__x', 'private-x'],
    ['sales', 'sales'],
  ])('names the product of %s %s', (dataset, name) => {
    expect(dataProductEntityName(dataset)).toBe(name);
  });

  it('cuts a long name to the 63 characters the catalog accepts, never ending in -', () => {
    const name = dataProductEntityName(`${'a'.repeat(62)}_b`);
    expect(name).toBe('a'.repeat(62));
    expect(dataProductEntityName('x'.repeat(80))).toHaveLength(63);
  });
});
