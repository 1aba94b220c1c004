import type { QualityRule } from '../project/schema/dataset';
import { qualityRuleKey, qualityRuleKeys, qualityRuleLabel } from './label';

const RULES: QualityRule[] = [
  { check: 'not_null', column: 'email' },
  { check: 'unique', columns: ['order_date', 'currency'] },
  { check: 'accepted_values', column: 'channel', values: ['web'] },
  { check: 'range', column: 'net_revenue', min: 0 },
  { check: 'range', column: 'quantity', min: 1, max: 99.5 },
  { check: 'regex', column: 'email', pattern: '^[0-9a-f]{64}$' },
  { check: 'row_count', min: 1 },
  {
    check: 'custom_sql',
    description: 'Net revenue never exceeds gross revenue.',
    sql: 'SELECT 1',
  },
  { check: 'freshness', column: 'order_ts', maxAgeHours: 24 },
];

describe('qualityRuleLabel', () => {
  it('names each rule by its check and columns', () => {
    expect(RULES.map(qualityRuleLabel)).toEqual([
      'not_null(email)',
      'unique(order_date, currency)',
      'accepted_values(channel)',
      'range(net_revenue, min 0)',
      'range(quantity, min 1, max 99.5)',
      'regex(email)',
      'row_count(min 1)',
      'custom_sql(Net revenue never exceeds gross revenue.)',
      'freshness(order_ts, 24 h)',
    ]);
  });
});

describe('qualityRuleKeys', () => {
  it('identifies rules by what they check', () => {
    expect(qualityRuleKeys(RULES)).toEqual([
      'not_null:email',
      'unique:order_date,currency',
      'accepted_values:channel',
      'range:net_revenue',
      'range:quantity',
      'regex:email',
      'row_count',
      'custom_sql:net-revenue-never-exceeds-gross-revenue',
      'freshness:order_ts',
    ]);
  });

  it('keeps keys when rules are added, reordered or tightened', () => {
    const before = qualityRuleKeys(RULES);
    const edited: QualityRule[] = [
      { check: 'not_null', column: 'customer_id' },
      ...[...RULES].reverse(),
    ];
    edited[edited.indexOf(RULES[3])] = {
      check: 'range',
      column: 'net_revenue',
      min: 10,
    };
    expect(new Set(qualityRuleKeys(edited))).toEqual(
      new Set(['not_null:customer_id', ...before]),
    );
  });

  it('numbers repeated rules on the same columns', () => {
    const rules: QualityRule[] = [
      { check: 'regex', column: 'email', pattern: '@' },
      { check: 'not_null', column: 'email' },
      { check: 'regex', column: 'email', pattern: '\\.' },
      { check: 'regex', column: 'email', pattern: '^[a-z]' },
    ];
    expect(qualityRuleKeys(rules)).toEqual([
      'regex:email',
      'not_null:email',
      'regex:email~2',
      'regex:email~3',
    ]);
    expect(qualityRuleKey(rules, 2)).toBe('regex:email~2');
    expect(qualityRuleKey(rules, 9)).toBeUndefined();
  });

  it('keys custom SQL without a usable description', () => {
    expect(
      qualityRuleKeys([{ check: 'custom_sql', description: '…', sql: 'x' }]),
    ).toEqual(['custom_sql:query']);
  });
});
