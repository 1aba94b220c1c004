import fc from 'fast-check';
import {
  CLASSIFICATIONS,
  DatasetFile,
  QualityRule,
} from '../project/schema/dataset';
import { datasetToOdcs } from './datasetToOdcs';
import { odcsToDataset } from './odcsToDataset';
import { OdcsDocument, OdcsQuality } from './types';
import { validateOdcs } from './validate';
import { declaredDataset } from './__testUtils__/mappedFields';

const OWNER = 'group:default/data-platform';

function contract(
  properties: Record<string, unknown>[],
  extra: Partial<OdcsDocument> = {},
  objectQuality?: OdcsQuality[],
): OdcsDocument {
  return {
    apiVersion: 'v3.1.0',
    kind: 'DataContract',
    id: 'c',
    version: '1.0.0',
    status: 'active',
    schema: [
      {
        name: 'orders',
        properties: properties as never,
        ...(objectQuality ? { quality: objectQuality } : {}),
      },
    ],
    ...extra,
  };
}

const notesOf = (document: OdcsDocument) =>
  odcsToDataset(document, { defaultOwner: OWNER }).notes.map(
    n => `${n.kind} ${n.path}: ${n.reason}`,
  );

describe('odcsToDataset', () => {
  it('drops text rules and thresholds Meshwork cannot check, saying why', () => {
    const document = contract([
      {
        name: 'a',
        logicalType: 'string',
        quality: [
          { type: 'text', description: 'Mostly filled.' },
          { metric: 'nullValues', mustBeLessThan: 5, unit: 'percent' },
          {
            metric: 'missingValues',
            mustBe: 0,
            arguments: { missingValues: [null, '', 'N/A'] },
          },
          { type: 'custom', engine: 'soda', implementation: 'x > 0' },
          { type: 'sql', query: 'SELECT MAX(a) FROM t', mustBeLessThan: 9 },
        ],
      },
    ]);
    expect(validateOdcs(document)).toEqual([]);
    const { dataset, notes } = odcsToDataset(document, { defaultOwner: OWNER });
    expect(dataset.contract.quality).toBeUndefined();
    const ruleNotes = notes.filter(n => n.path.includes('quality'));
    expect(ruleNotes.map(n => [n.path, n.kind])).toEqual([
      ['schema[0].properties[0].quality[0]', 'dropped'],
      ['schema[0].properties[0].quality[1]', 'dropped'],
      ['schema[0].properties[0].quality[2]', 'dropped'],
      ['schema[0].properties[0].quality[3]', 'dropped'],
      ['schema[0].properties[0].quality[4]', 'dropped'],
    ]);
    expect(ruleNotes[0].reason).toMatch(/prose/);
    expect(ruleNotes[1].reason).toMatch(/threshold of 0/);
    expect(ruleNotes[3].reason).toMatch(/'soda'/);
  });

  it('maps row counts, SQL counts, freshness in days and classification synonyms', () => {
    const document = contract(
      [
        { name: 'id', physicalType: 'int8', classification: 'Restricted' },
        { name: 'email', logicalType: 'string', classification: 'personal' },
        { name: 'secret', physicalType: 'bytea', classification: 'top-secret' },
      ],
      { slaProperties: [{ property: 'freshness', value: 2, unit: 'd' }] },
      [
        { metric: 'rowCount', mustBeLessThan: 1000 },
        {
          type: 'sql',
          name: 'no negative ids',
          query: 'select count(*) from orders where id < 0',
          mustBe: 0,
        },
        {
          metric: 'duplicateValues',
          mustBe: 0,
          arguments: { properties: ['id', 'nope'] },
        },
      ],
    );
    expect(validateOdcs(document)).toEqual([]);
    const { dataset } = odcsToDataset(document, { defaultOwner: OWNER });
    expect(dataset.contract).toEqual({
      columns: [
        { name: 'id', type: 'bigint', classification: 'confidential' },
        { name: 'email', type: 'string', classification: 'pii' },
        { name: 'secret', type: 'string' },
      ],
      quality: [
        { check: 'row_count', max: 999 },
        {
          check: 'custom_sql',
          description: 'no negative ids',
          sql: 'SELECT * from orders where id < 0',
        },
      ],
      sla: { freshnessHours: 48 },
    });
    expect(notesOf(document)).toEqual(
      expect.arrayContaining([
        'changed schema[0].quality[0]: a re-export writes it as mustBeLessOrEqualTo: 999',
        "dropped schema[0].quality[2]: the rule is about 'nope', which the table has no column for",
        "changed schema[0].properties[0].physicalType: physical type 'int8' imported as bigint",
        "dropped schema[0].properties[2].classification: 'top-secret' is none of Meshwork's classifications (public, internal, confidential, pii)",
        'changed slaProperties[0].value: imported as 48 hours',
        'changed slaProperties[0].property: a re-export names it latency',
      ]),
    );
  });

  it('makes names Meshwork can use, and says so', () => {
    const document = contract(
      [
        { name: 'Order ID', logicalType: 'integer' },
        { name: 'order_id', logicalType: 'integer' },
        { name: '2nd', logicalType: 'date' },
      ],
      { team: { name: 'Sales Team' } },
    );
    document.schema![0].name = 'sales orders';
    const { dataset, notes } = odcsToDataset(document, { defaultOwner: OWNER });
    expect(dataset.name).toBe('sales_orders');
    expect(dataset.table).toBe('bronze.sales_orders');
    expect(dataset.owner).toBe('group:default/Sales-Team');
    expect(dataset.contract.columns.map(c => [c.name, c.type])).toEqual([
      ['Order_ID', 'bigint'],
      ['order_id_2', 'bigint'],
      ['_2nd', 'date'],
    ]);
    expect(notes.filter(n => n.kind === 'changed').map(n => n.path)).toEqual([
      'schema[0].name',
      'team.name',
      'schema[0].properties[0].name',
      'schema[0].properties[1].name',
      'schema[0].properties[2].name',
    ]);
  });

  it('refuses contracts it cannot make a dataset of, with a clear message', () => {
    const none = contract([]);
    delete none.schema;
    expect(() => odcsToDataset(none, { defaultOwner: OWNER })).toThrow(
      'the contract describes no table: its schema is empty',
    );
    expect(() => odcsToDataset(contract([]), { defaultOwner: OWNER })).toThrow(
      "the schema object 'orders' has no properties: a dataset needs at least one column",
    );
    expect(() =>
      odcsToDataset(contract([{ name: 'a' }]), {
        defaultOwner: OWNER,
        object: 'x',
      }),
    ).toThrow("the contract has no schema object 'x'; it has 'orders'");
    expect(() =>
      odcsToDataset(contract([{ name: 'a' }]), {
        defaultOwner: OWNER,
        name: '9lives',
      }),
    ).toThrow(/'9lives' cannot be a dataset name/);
  });
});

/** Datasets with every kind of column type and quality rule. */
const datasets: fc.Arbitrary<DatasetFile> = fc
  .uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/), {
    minLength: 1,
    maxLength: 6,
  })
  .chain(names =>
    fc
      .record({
        types: fc.array(
          fc.constantFrom(
            'string',
            'int',
            'bigint',
            'double',
            'decimal(12,3)',
            'boolean',
            'date',
            'timestamp',
            'array<string>',
            'varchar(20)',
          ),
          { minLength: names.length, maxLength: names.length },
        ),
        descriptions: fc.array(
          fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
          {
            minLength: names.length,
            maxLength: names.length,
          },
        ),
        classifications: fc.array(
          fc.option(fc.constantFrom(...CLASSIFICATIONS), {
            nil: undefined,
          }),
          { minLength: names.length, maxLength: names.length },
        ),
        rules: fc.array(
          fc.oneof(
            fc
              .constantFrom(...names)
              .map((column): QualityRule => ({ check: 'not_null', column })),
            fc
              .subarray(names, { minLength: 1 })
              .map((columns): QualityRule => ({ check: 'unique', columns })),
            fc.constantFrom(...names).map(
              (column): QualityRule => ({
                check: 'accepted_values',
                column,
                values: ['a', 1, true],
              }),
            ),
            fc.constantFrom(...names).map(
              (column): QualityRule => ({
                check: 'regex',
                column,
                pattern: '^x+$',
              }),
            ),
            fc
              .record({
                column: fc.constantFrom(...names),
                min: fc.option(fc.integer(), { nil: undefined }),
                max: fc.option(fc.integer(), { nil: undefined }),
              })
              .map(
                ({ column, min, max }): QualityRule => ({
                  check: 'range',
                  column,
                  ...(min !== undefined ? { min } : {}),
                  ...(max !== undefined ? { max } : {}),
                }),
              ),
            fc
              .record({
                min: fc.option(fc.nat(100), { nil: undefined }),
                max: fc.option(fc.nat(100), { nil: undefined }),
              })
              .filter(
                ({ min, max }) =>
                  min === undefined || max === undefined || min <= max,
              )
              .map(
                ({ min, max }): QualityRule => ({
                  check: 'row_count',
                  ...(min !== undefined ? { min } : {}),
                  ...(max !== undefined ? { max } : {}),
                }),
              ),
            fc.constant<QualityRule>({
              check: 'custom_sql',
              description: 'No orders from the future.',
              sql: 'SELECT *\nFROM orders\nWHERE order_date > current_date()',
            }),
            fc.constantFrom(...names).map(
              (column): QualityRule => ({
                check: 'freshness',
                column,
                maxAgeHours: 6,
              }),
            ),
          ),
          { maxLength: 8 },
        ),
        freshness: fc.option(fc.integer({ min: 0, max: 1000 }), {
          nil: undefined,
        }),
        layer: fc.constantFrom(...(['bronze', 'silver', 'gold'] as const)),
        visibility: fc.constantFrom(...(['internal', 'published'] as const)),
      })
      .map(
        (r): DatasetFile => ({
          formatVersion: 1,
          name: 'generated',
          table: `${r.layer}.generated`,
          layer: r.layer,
          visibility: r.visibility,
          owner: 'group:default/a-team',
          contract: {
            columns: names.map((name, i) => ({
              name,
              type: r.types[i],
              ...(r.descriptions[i] !== undefined
                ? { description: r.descriptions[i] }
                : {}),
              ...(r.classifications[i]
                ? { classification: r.classifications[i] }
                : {}),
            })),
            ...(r.rules.length > 0 ? { quality: r.rules } : {}),
            ...(r.freshness !== undefined
              ? { sla: { freshnessHours: r.freshness } }
              : {}),
          },
        }),
      ),
  );

describe('datasetToOdcs', () => {
  it('writes a valid contract for any dataset, which imports back unchanged', () => {
    fc.assert(
      fc.property(datasets, dataset => {
        const document = datasetToOdcs({ dataset: declaredDataset(dataset) });
        expect(validateOdcs(document)).toEqual([]);
        const back = odcsToDataset(JSON.parse(JSON.stringify(document)), {
          defaultOwner: OWNER,
        });
        expect(back.notes.filter(n => n.kind === 'changed')).toEqual([]);
        // Flags a re-import reads as rules add nothing the rules did not say.
        expect(back.dataset).toEqual(dataset);
      }),
      { numRuns: 500 },
    );
  });
});
