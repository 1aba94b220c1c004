import type {
  DataProductColumn,
  DataProductContract,
  DataProductSlaProperty,
} from '../entity/DataProductEntityV1alpha1';
import {
  ContractChange,
  describeContractChange,
  diffContracts,
  subscribersOfChange,
} from './diffContracts';

function contract(
  columns: DataProductColumn[],
  slaProperties?: DataProductSlaProperty[],
  description?: string,
): DataProductContract {
  return {
    schema: [
      {
        name: 'TotalSales',
        ...(description !== undefined && { description }),
        properties: columns,
      },
    ],
    ...(slaProperties && { slaProperties }),
  };
}

const col = (
  name: string,
  physicalType: string,
  extra: Partial<DataProductColumn> = {},
): DataProductColumn => ({ name, physicalType, ...extra });

const BASE = [
  col('currency', 'string', { required: true, description: 'ISO 4217.' }),
  col('order_count', 'bigint'),
  col('net_revenue', 'decimal(22,2)'),
  col('last_order_date', 'date'),
];

/** The changes of TotalSales when its columns change from BASE to `head`. */
function diffColumns(head: DataProductColumn[]): ContractChange[] {
  return diffContracts(
    { TotalSales: contract(BASE) },
    { TotalSales: contract(head) },
  );
}

const replace = (name: string, column: DataProductColumn) =>
  BASE.map(c => (c.name === name ? column : c));

describe('diffContracts', () => {
  it('finds nothing between equal contracts', () => {
    expect(diffColumns(BASE)).toEqual([]);
  });

  it('reports a removed column as breaking', () => {
    expect(diffColumns(BASE.filter(c => c.name !== 'order_count'))).toEqual([
      {
        kind: 'column-removed',
        dataset: 'TotalSales',
        column: 'order_count',
        before: 'bigint',
        after: null,
        breaking: true,
      },
    ]);
  });

  it('reports an added column as not breaking', () => {
    expect(diffColumns([...BASE, col('units_sold', 'bigint')])).toEqual([
      {
        kind: 'column-added',
        dataset: 'TotalSales',
        column: 'units_sold',
        before: null,
        after: 'bigint',
        breaking: false,
      },
    ]);
  });

  it('calls one column gone and one of the same type come a rename', () => {
    expect(
      diffColumns(replace('order_count', col('orders', 'bigint'))),
    ).toEqual([
      {
        kind: 'column-renamed',
        dataset: 'TotalSales',
        column: 'order_count',
        before: 'order_count',
        after: 'orders',
        breaking: true,
      },
    ]);
  });

  it('does not call a removal and an addition of another type a rename', () => {
    expect(
      diffColumns(replace('order_count', col('orders', 'string'))).map(
        c => `${c.kind} ${c.column} ${c.breaking}`,
      ),
    ).toEqual(['column-removed order_count true', 'column-added orders false']);
  });

  it('does not guess a rename when two columns of one type come', () => {
    const head = [
      ...replace('order_count', col('orders', 'bigint')),
      col('customers', 'bigint'),
    ];
    expect(diffColumns(head).map(c => c.kind)).toEqual([
      'column-removed',
      'column-added',
      'column-added',
    ]);
  });

  it.each([
    ['order_count', 'bigint', 'int'],
    ['net_revenue', 'decimal(22,2)', 'decimal(18,2)'],
    ['net_revenue', 'decimal(22,2)', 'decimal(22,1)'],
    ['net_revenue', 'decimal(22,2)', 'double'],
    ['order_count', 'bigint', 'double'],
    ['currency', 'string', 'int'],
    ['last_order_date', 'date', 'timestamp'],
  ])(
    'judges %s from %s to %s: narrowed unless it is a widening',
    (name, before, after) => {
      const old = BASE.find(c => c.name === name)!;
      const [found] = diffColumns(
        replace(name, { ...old, physicalType: after }),
      );
      const widened = before === 'date' && after === 'timestamp';
      expect(found).toEqual({
        kind: widened ? 'type-widened' : 'type-narrowed',
        dataset: 'TotalSales',
        column: name,
        before,
        after,
        breaking: !widened,
      });
    },
  );

  it('reports a timestamp made a date as narrowed', () => {
    const base = { T: contract([col('at', 'timestamp')]) };
    const head = { T: contract([col('at', 'date')]) };
    expect(diffContracts(base, head)[0]).toMatchObject({
      kind: 'type-narrowed',
      breaking: true,
    });
  });

  it.each([
    ['int', 'bigint'],
    ['bigint', 'decimal(20,0)'],
    ['int', 'double'],
    ['decimal(18,2)', 'decimal(38,2)'],
    ['decimal(18,2)', 'decimal(19,3)'],
    ['array<int>', 'array<bigint>'],
  ])('reports %s widened to %s as not breaking', (before, after) => {
    const changes = diffContracts(
      { T: contract([col('x', before)]) },
      { T: contract([col('x', after)]) },
    );
    expect(changes).toEqual([
      {
        kind: 'type-widened',
        dataset: 'T',
        column: 'x',
        before,
        after,
        breaking: false,
      },
    ]);
  });

  it('reads types without regard to case and spaces', () => {
    expect(
      diffContracts(
        { T: contract([col('x', 'decimal(22,2)')]) },
        { T: contract([col('x', 'DECIMAL(22, 2)')]) },
      ),
    ).toEqual([]);
  });

  it('reports a change to an unrelated type as a breaking type change', () => {
    expect(
      diffContracts(
        { T: contract([col('x', 'int')]) },
        { T: contract([col('x', 'date')]) },
      ),
    ).toEqual([
      expect.objectContaining({ kind: 'type-changed', breaking: true }),
    ]);
    expect(
      diffContracts(
        { T: contract([col('x', 'int')]) },
        { T: contract([col('x', 'string')]) },
      )[0].kind,
    ).toBe('type-changed');
  });

  it('reports a required column made nullable as breaking, and the reverse not', () => {
    const nullable = replace('currency', {
      ...BASE[0],
      required: undefined,
    });
    expect(diffColumns(nullable)).toEqual([
      {
        kind: 'column-made-nullable',
        dataset: 'TotalSales',
        column: 'currency',
        before: 'required',
        after: 'nullable',
        breaking: true,
      },
    ]);
    expect(
      diffContracts(
        { TotalSales: contract(nullable) },
        { TotalSales: contract(BASE) },
      ),
    ).toEqual([
      expect.objectContaining({
        kind: 'column-made-required',
        column: 'currency',
        breaking: false,
      }),
    ]);
  });

  it('reports changed descriptions of columns and datasets as not breaking', () => {
    const head = replace('currency', { ...BASE[0], description: 'Currency.' });
    expect(
      diffContracts(
        { TotalSales: contract(BASE, undefined, 'Sales.') },
        { TotalSales: contract(head, undefined, 'All sales.') },
      ),
    ).toEqual([
      {
        kind: 'description-changed',
        dataset: 'TotalSales',
        column: 'currency',
        before: 'ISO 4217.',
        after: 'Currency.',
        breaking: false,
      },
      {
        kind: 'description-changed',
        dataset: 'TotalSales',
        before: 'Sales.',
        after: 'All sales.',
        breaking: false,
      },
    ]);
  });

  describe('SLA', () => {
    const withSla = (...sla: DataProductSlaProperty[]) => ({
      TotalSales: contract(BASE, sla),
    });
    const latency = (value: number, unit = 'h') => ({
      property: 'latency',
      value,
      unit,
    });

    it('reports freshness hours that grow as loosened', () => {
      expect(diffContracts(withSla(latency(26)), withSla(latency(48)))).toEqual(
        [
          {
            kind: 'sla-loosened',
            dataset: 'TotalSales',
            property: 'latency',
            before: '26 h',
            after: '48 h',
            breaking: true,
          },
        ],
      );
    });

    it('compares durations across units', () => {
      expect(
        diffContracts(withSla(latency(26)), withSla(latency(1, 'd'))),
      ).toEqual([
        expect.objectContaining({ kind: 'sla-tightened', breaking: false }),
      ]);
      expect(
        diffContracts(withSla(latency(24)), withSla(latency(1, 'd'))),
      ).toEqual([]);
    });

    it('reports a dropped promise as loosened and a new one as tightened', () => {
      expect(diffContracts(withSla(latency(26)), withSla())).toEqual([
        expect.objectContaining({
          kind: 'sla-loosened',
          before: '26 h',
          after: null,
          breaking: true,
        }),
      ]);
      expect(diffContracts(withSla(), withSla(latency(26)))).toEqual([
        expect.objectContaining({ kind: 'sla-tightened', breaking: false }),
      ]);
    });

    it('reports a shorter retention and a lower availability as loosened', () => {
      const retention = (value: number, unit: string) => ({
        property: 'retention',
        value,
        unit,
      });
      expect(
        diffContracts(
          withSla(retention(1, 'y')),
          withSla(retention(6, 'month')),
        ),
      ).toEqual([
        expect.objectContaining({ kind: 'sla-loosened', breaking: true }),
      ]);
      expect(
        diffContracts(
          withSla({ property: 'availability', value: '99.9%' }),
          withSla({ property: 'availability', value: '99.5%' }),
        ),
      ).toEqual([
        expect.objectContaining({ kind: 'sla-loosened', breaking: true }),
      ]);
      expect(
        diffContracts(
          withSla({ property: 'availability', value: 99.5 }),
          withSla({ property: 'availability', value: 99.9 }),
        )[0].kind,
      ).toBe('sla-tightened');
    });

    it('shows a change of a property it cannot judge without calling it breaking', () => {
      expect(
        diffContracts(
          withSla({ property: 'frequency', value: 1, unit: 'd' }),
          withSla({ property: 'frequency', value: 2, unit: 'd' }),
        ),
      ).toEqual([
        expect.objectContaining({ kind: 'sla-changed', breaking: false }),
      ]);
    });
  });

  it('reports removed datasets as breaking and added ones not, in name order', () => {
    const c = contract(BASE);
    expect(diffContracts({ B: c, A: c }, { B: c, C: c })).toEqual([
      {
        kind: 'dataset-removed',
        dataset: 'A',
        before: 'A',
        after: null,
        breaking: true,
      },
      {
        kind: 'dataset-added',
        dataset: 'C',
        before: null,
        after: 'C',
        breaking: false,
      },
    ]);
  });
});

describe('subscribersOfChange', () => {
  const subscriptions = [
    { dataset: 'TotalSales', team: 'group:default/finance-insights' },
    {
      dataset: 'TotalSales',
      team: 'group:default/marketing-analytics',
      columns: ['currency'],
    },
    {
      dataset: 'TotalSales',
      team: 'group:default/marketing-analytics',
      columns: ['currency', 'net_revenue'],
    },
    { dataset: 'DailySummary', team: 'group:default/platform-team' },
  ];

  it('names the teams granted the column or all columns, once each', () => {
    const [removed] = diffColumns(BASE.filter(c => c.name !== 'net_revenue'));
    expect(subscribersOfChange(removed, subscriptions)).toEqual([
      'group:default/finance-insights',
      'group:default/marketing-analytics',
    ]);
    const [other] = diffColumns(BASE.filter(c => c.name !== 'order_count'));
    expect(subscribersOfChange(other, subscriptions)).toEqual([
      'group:default/finance-insights',
    ]);
  });

  it('names every subscriber of the dataset for a change of the whole dataset', () => {
    const [removed] = diffContracts({ DailySummary: contract([]) }, {});
    expect(subscribersOfChange(removed, subscriptions)).toEqual([
      'group:default/platform-team',
    ]);
  });
});

describe('describeContractChange', () => {
  it('says what changed in one line', () => {
    const [removed] = diffColumns(BASE.filter(c => c.name !== 'order_count'));
    expect(describeContractChange(removed)).toBe(
      'column TotalSales.order_count (bigint) removed',
    );
    const [narrowed] = diffColumns(
      replace('order_count', col('order_count', 'int')),
    );
    expect(describeContractChange(narrowed)).toBe(
      'type of TotalSales.order_count narrowed: bigint → int',
    );
  });
});
