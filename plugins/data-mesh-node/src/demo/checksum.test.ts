import { demoDataChecksum } from './checksum';
import { DemoData } from './types';

function sampleData(): DemoData {
  return {
    seed: 1,
    scale: 1,
    asOfDate: '2026-06-30',
    schema: 'bronze',
    tables: [
      {
        name: 'products',
        description: 'Products',
        primaryKey: 'product_id',
        columns: [
          {
            name: 'product_id',
            type: 'BIGINT',
            nullable: false,
            description: '',
          },
          {
            name: 'unit_price',
            type: 'DECIMAL(10,2)',
            nullable: false,
            description: '',
          },
        ],
        rows: [
          [1, '19.90'],
          [2, '5.00'],
        ],
      },
      {
        name: 'accounts',
        description: 'Accounts',
        primaryKey: 'account_id',
        columns: [
          {
            name: 'account_id',
            type: 'BIGINT',
            nullable: false,
            description: '',
          },
          {
            name: 'account_close_date',
            type: 'DATE',
            nullable: true,
            description: '',
          },
        ],
        rows: [
          [10, null],
          [11, '2026-01-31'],
        ],
      },
    ],
  };
}

describe('demoDataChecksum', () => {
  it('is a SHA-256 hex digest', () => {
    expect(demoDataChecksum(sampleData())).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores table order and row order, which a warehouse does not keep', () => {
    const reordered = sampleData();
    reordered.tables.reverse();
    reordered.tables[0].rows.reverse();
    expect(demoDataChecksum(reordered)).toBe(demoDataChecksum(sampleData()));
  });

  it('changes when a single value, column name or type changes', () => {
    const base = demoDataChecksum(sampleData());

    const value = sampleData();
    value.tables[0].rows[1][1] = '5.01';
    expect(demoDataChecksum(value)).not.toBe(base);

    const nullness = sampleData();
    nullness.tables[1].rows[0][1] = '2026-01-01';
    expect(demoDataChecksum(nullness)).not.toBe(base);

    const name = sampleData();
    name.tables[0].columns[1].name = 'list_price';
    expect(demoDataChecksum(name)).not.toBe(base);

    const type = sampleData();
    type.tables[0].columns[1].type = 'DECIMAL(12,2)';
    expect(demoDataChecksum(type)).not.toBe(base);
  });

  it('ignores descriptions and nullability, which are documentation', () => {
    const documented = sampleData();
    documented.tables[0].description = 'The catalogue';
    documented.tables[0].columns[1].nullable = true;
    expect(demoDataChecksum(documented)).toBe(demoDataChecksum(sampleData()));
  });

  it('rejects values that do not match their column type', () => {
    const data = sampleData();
    data.tables[0].rows[0][1] = '19.9';
    expect(() => demoDataChecksum(data)).toThrow(
      'Invalid DECIMAL(10,2) value "19.9" in demo data',
    );
  });

  it('rejects rows whose length does not match the columns', () => {
    const data = sampleData();
    data.tables[0].rows[0].push('extra');
    expect(() => demoDataChecksum(data)).toThrow(/has 3 values for 2 columns/);
  });
});
