import {
  containsPii,
  freshnessSla,
  freshnessSlaHours,
  isPiiColumn,
  piiColumnNames,
} from './dataProductFacts';
import type { DataProductContract } from './DataProductEntityV1alpha1';

const contract: DataProductContract = {
  schema: [
    {
      name: 'orders',
      properties: [
        { name: 'id' },
        { name: 'email', classification: 'PII' },
        { name: 'amount', classification: 'confidential' },
      ],
    },
    { name: 'empty' },
    { name: 'customers', properties: [{ name: 'phone', tags: [' pii '] }] },
  ],
  slaProperties: [
    { property: 'retention', value: 1, unit: 'y' },
    { property: 'Latency', value: 2, unit: 'd' },
  ],
};

describe('isPiiColumn', () => {
  it('treats a pii classification or tag as personal data, in any case', () => {
    expect(isPiiColumn({ classification: 'pii' })).toBe(true);
    expect(isPiiColumn({ classification: 'PII' })).toBe(true);
    expect(isPiiColumn({ tags: ['finance', 'Pii'] })).toBe(true);
  });

  it('does not treat other classifications or tags as personal data', () => {
    expect(isPiiColumn({ classification: 'confidential' })).toBe(false);
    expect(isPiiColumn({ classification: 'not-pii' })).toBe(false);
    expect(isPiiColumn({ tags: ['pii:email'] })).toBe(false);
    expect(isPiiColumn({})).toBe(false);
  });
});

describe('piiColumnNames', () => {
  it('names the PII columns of every schema object in contract order', () => {
    expect(piiColumnNames(contract)).toEqual(['email', 'phone']);
    expect(piiColumnNames(undefined)).toEqual([]);
  });
});

describe('containsPii', () => {
  it('follows the flag', () => {
    expect(containsPii({ spec: { containsPii: true } } as any)).toBe(true);
  });

  it('finds a PII column the flag does not mention', () => {
    expect(containsPii({ spec: { contract } } as any)).toBe(true);
    expect(containsPii({ spec: { containsPii: false, contract } } as any)).toBe(
      true,
    );
  });

  it('is false without a flag or PII column', () => {
    expect(containsPii({ spec: {} } as any)).toBe(false);
    expect(
      containsPii({
        spec: {
          contract: { schema: [{ name: 't', properties: [{ name: 'a' }] }] },
        },
      } as any),
    ).toBe(false);
  });
});

describe('freshnessSla', () => {
  it('finds the freshness promise under either of its ODCS names, in any case', () => {
    expect(freshnessSla(contract)).toEqual({
      property: 'Latency',
      value: 2,
      unit: 'd',
    });
    expect(
      freshnessSla({ slaProperties: [{ property: 'freshness', value: 26 }] }),
    ).toEqual({ property: 'freshness', value: 26 });
  });

  it('finds none in a contract that makes no freshness promise', () => {
    expect(
      freshnessSla({ slaProperties: [{ property: 'retention', value: 1 }] }),
    ).toBeUndefined();
    expect(freshnessSla(undefined)).toBeUndefined();
  });
});

describe('freshnessSlaHours', () => {
  const hours = (value: string | number | boolean, unit?: string) =>
    freshnessSlaHours({
      slaProperties: [{ property: 'freshness', value, unit }],
    });

  it('converts durations to hours, reading a missing unit as hours', () => {
    expect(freshnessSlaHours(contract)).toBe(48);
    expect(hours(6)).toBe(6);
    expect(hours(30, 'min')).toBe(0.5);
    expect(hours(1, 'week')).toBe(168);
    expect(hours('26', 'h')).toBe(26);
  });

  it('has none for values or units that are not durations', () => {
    expect(hours('daily')).toBeUndefined();
    expect(hours(true)).toBeUndefined();
    expect(hours(1, 'fortnight')).toBeUndefined();
    expect(freshnessSlaHours(undefined)).toBeUndefined();
  });
});
