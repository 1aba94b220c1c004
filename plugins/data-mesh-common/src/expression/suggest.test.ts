import { editDistance, suggestNames } from './suggest';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['custmoer', 'customer', 1],
    ['ab', 'ba', 1],
    ['customer_id', 'customer_id', 0],
  ])('%s → %s is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe('suggestNames', () => {
  const columns = [
    'customer_id',
    'customer_name',
    'order_date',
    'id',
    'Amount',
  ];

  it('suggests close names, best first, ignoring case', () => {
    expect(suggestNames('custmer_id', columns)).toEqual(['customer_id']);
    expect(suggestNames('AMOUNTS', columns)).toEqual(['Amount']);
    expect(suggestNames('customer_nme', columns)).toEqual([
      'customer_name',
      'customer_id',
    ]);
  });

  it('only suggests names that are close', () => {
    expect(suggestNames('cust', columns)).toEqual([]);
    expect(suggestNames('xy', columns)).toEqual([]);
    expect(suggestNames('di', columns)).toEqual(['id']);
  });

  it('lists each candidate once and at most three', () => {
    expect(suggestNames('a', ['b', 'B', 'c', 'd', 'e'])).toEqual([
      'b',
      'c',
      'd',
    ]);
  });
});
