import { totalSales } from './__testUtils__/totalSales';
import {
  contractColumns,
  declaredQualityRules,
  describeQualityRule,
  formatSlaValue,
  freshnessSla,
  piiColumnNames,
} from './dataProductFacts';

describe('dataProductFacts', () => {
  it('lists the columns of every schema object with their table', () => {
    const columns = contractColumns({
      schema: [
        { name: 'a', properties: [{ name: 'x' }, { name: 'y' }] },
        { name: 'b' },
        { name: 'c', properties: [{ name: 'z' }] },
      ],
    });
    expect(columns.map(c => `${c.table}.${c.column.name}`)).toEqual([
      'a.x',
      'a.y',
      'c.z',
    ]);
    expect(contractColumns(undefined)).toEqual([]);
  });

  it('names the PII columns of a contract', () => {
    expect(piiColumnNames(totalSales.spec.contract)).toEqual([
      'top_customer_email',
    ]);
    expect(piiColumnNames(undefined)).toEqual([]);
  });

  it('finds the freshness promise under either of its ODCS names', () => {
    expect(freshnessSla(totalSales.spec.contract)).toEqual({
      property: 'freshness',
      value: 26,
      unit: 'h',
    });
    expect(
      freshnessSla({
        slaProperties: [
          { property: 'retention', value: 1, unit: 'y' },
          { property: 'Latency', value: 4, unit: 'd' },
        ],
      }),
    ).toEqual({ property: 'Latency', value: 4, unit: 'd' });
    expect(
      freshnessSla({ slaProperties: [{ property: 'retention', value: 1 }] }),
    ).toBeUndefined();
  });

  it('spells out SLA units', () => {
    expect(formatSlaValue({ property: 'f', value: 26, unit: 'h' })).toBe(
      '26 hours',
    );
    expect(formatSlaValue({ property: 'f', value: 1, unit: 'd' })).toBe(
      '1 day',
    );
    expect(formatSlaValue({ property: 'f', value: 3, unit: 'fortnights' })).toBe(
      '3 fortnights',
    );
    expect(formatSlaValue({ property: 'f', value: '06:00 UTC' })).toBe(
      '06:00 UTC',
    );
  });

  it('gathers contract-wide and per-table quality rules', () => {
    const rules = declaredQualityRules({
      quality: [{ type: 'sql', rule: 'select 1', name: 'global' }],
      schema: [
        {
          name: 't',
          quality: [{ rule: 'not_null', column: 'c' }],
          properties: [
            { name: 'd', quality: [{ metric: 'nullValues', mustBe: 0 }] },
          ],
        },
      ],
    });
    expect(rules).toEqual([
      { rule: { type: 'sql', rule: 'select 1', name: 'global' } },
      { table: 't', rule: { rule: 'not_null', column: 'c' } },
      { table: 't', rule: { metric: 'nullValues', mustBe: 0, column: 'd' } },
    ]);
  });

  it('describes a rule by its description, else its name or rule and column', () => {
    expect(describeQualityRule({ description: 'd', rule: 'r' })).toBe('d');
    expect(describeQualityRule({ rule: 'not_null', column: 'category' })).toBe(
      'not_null on category',
    );
    expect(describeQualityRule({ name: 'rows', rule: 'rowCount' })).toBe(
      'rows',
    );
    expect(describeQualityRule({})).toBe('rule');
  });
});
