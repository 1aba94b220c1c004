import fs from 'fs';
import path from 'path';
import { parseProjectFile } from '../project/parse';
import { serializeProjectFile } from '../project/serialize';
import { datasetToOdcs } from './datasetToOdcs';
import { odcsToDataset } from './odcsToDataset';
import { readOdcs, validateOdcs } from './validate';
import {
  declaredDataset,
  mappedFieldDifferences,
} from './__testUtils__/mappedFields';

const FIXTURES = path.join(__dirname, '__fixtures__');
const fixtures = fs
  .readdirSync(FIXTURES)
  .filter(name => name.endsWith('.odcs.yaml'))
  .sort();

describe('real ODCS contracts written by other projects', () => {
  it('has the fixtures the README lists', () => {
    const readme = fs.readFileSync(path.join(FIXTURES, 'README.md'), 'utf8');
    expect(fixtures.length).toBeGreaterThanOrEqual(3);
    for (const name of fixtures) expect(readme).toContain(`\`${name}\``);
  });

  describe.each(fixtures)('%s', name => {
    const read = readOdcs(fs.readFileSync(path.join(FIXTURES, name), 'utf8'));

    it('validates', () => {
      expect(read.ok ? [] : read.problems).toEqual([]);
    });

    it('imports every table and re-exports every mapped field unchanged', () => {
      if (!read.ok) throw new Error('fixture does not validate');
      const document = read.document;
      for (const object of document.schema ?? []) {
        const { dataset, notes, objectIndex } = odcsToDataset(document, {
          object: object.name,
          defaultOwner: 'group:default/data-platform',
        });
        // The dataset is a valid project file, and writes and reads back.
        const text = serializeProjectFile('dataset', dataset);
        const parsed = parseProjectFile(
          'dataset',
          `datasets/${dataset.name}.dataset.yaml`,
          text,
        );
        expect(parsed.diagnostics).toEqual([]);
        expect(parsed.value).toEqual(dataset);

        const reexported = datasetToOdcs({ dataset: declaredDataset(dataset) });
        expect(validateOdcs(reexported)).toEqual([]);
        expect(
          mappedFieldDifferences(document, reexported, notes, objectIndex),
        ).toEqual([]);
        for (const note of notes) {
          expect(note.reason).toMatch(/\S/);
          expect(note.path).toMatch(/\S/);
        }
      }
    });
  });

  it('maps what each kind of rule and field says', () => {
    const read = readOdcs(
      fs.readFileSync(
        path.join(FIXTURES, 'bitol-full-example.odcs.yaml'),
        'utf8',
      ),
    );
    if (!read.ok) throw new Error('fixture does not validate');
    const { dataset, notes } = odcsToDataset(read.document, {
      object: 'tbl',
      defaultOwner: 'group:default/data-platform',
    });
    expect(dataset).toMatchObject({
      name: 'tbl',
      table: 'tbl_1',
      owner: 'group:default/my-team',
      description: 'Provides core payment metrics',
      layer: 'bronze',
      visibility: 'internal',
      contract: { sla: { freshnessHours: 96 } },
    });
    expect(
      dataset.contract.columns.map(c => [c.name, c.type, c.classification]),
    ).toEqual([
      ['transaction_reference_date', 'date', 'public'],
      ['rcvr_id', 'varchar(18)', 'confidential'],
      ['rcvr_cntry_code', 'varchar(2)', 'public'],
    ]);
    expect(dataset.contract.quality).toEqual([
      { check: 'row_count', min: 1000001 },
      { check: 'not_null', column: 'rcvr_cntry_code' },
      // The primary key; rcvr_id says `required: false`, so no not_null.
      { check: 'unique', columns: ['rcvr_id'] },
    ]);
    const byPath = new Map(notes.map(n => [n.path, n]));
    expect(byPath.get('schema[0].quality[0]')?.kind).toBe('changed');
    expect(
      byPath.get('schema[0].properties[1].classification')?.reason,
    ).toContain("'confidential'");
    expect(byPath.get('support')?.kind).toBe('dropped');
    expect(byPath.get('slaProperties[4]')?.reason).toContain('retention');
    expect(byPath.get('schema[1]')?.reason).toContain("'receivers'");
    expect(byPath.get('schema[0].properties[0].transformLogic')?.kind).toBe(
      'dropped',
    );
  });

  it('maps DQX, SQL and type conversions', () => {
    const dqx = readOdcs(
      fs.readFileSync(
        path.join(FIXTURES, 'datacontract-cli-dqx.odcs.yaml'),
        'utf8',
      ),
    );
    if (!dqx.ok) throw new Error('fixture does not validate');
    const { dataset } = odcsToDataset(dqx.document, {
      defaultOwner: 'group:default/data-platform',
    });
    expect(dataset.contract.quality).toEqual(
      expect.arrayContaining([
        { check: 'not_null', column: 'interaction_id' },
        { check: 'unique', columns: ['user_id'] },
        {
          check: 'accepted_values',
          column: 'interaction_type',
          values: ['click', 'view', 'purchase', 'like', 'share'],
        },
        { check: 'range', column: 'interaction_value', min: 0, max: 1000 },
        {
          check: 'regex',
          column: 'location',
          pattern: '^[A-Za-z]+(?:[\\s-][A-Za-z]+)*$',
        },
      ]),
    );

    const orders = readOdcs(
      fs.readFileSync(
        path.join(FIXTURES, 'datacontract-cli-orders.odcs.yaml'),
        'utf8',
      ),
    );
    if (!orders.ok) throw new Error('fixture does not validate');
    const first = orders.document.schema![0].name;
    const imported = odcsToDataset(orders.document, {
      object: first,
      defaultOwner: 'group:default/data-platform',
    });
    expect(imported.dataset.contract.sla).toEqual({ freshnessHours: 24 });
    expect(imported.dataset.contract.quality).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          check: 'custom_sql',
          sql: 'SELECT * FROM orders WHERE order_total < 0',
        }),
      ]),
    );

    const adventureworks = readOdcs(
      fs.readFileSync(
        path.join(FIXTURES, 'bitol-postgresql-adventureworks.odcs.yaml'),
        'utf8',
      ),
    );
    if (!adventureworks.ok) throw new Error('fixture does not validate');
    const department = odcsToDataset(adventureworks.document, {
      object: 'department',
      defaultOwner: 'group:default/data-platform',
    });
    expect(department.dataset.contract.columns.map(c => c.type)).toEqual([
      'int',
      'string',
      'string',
      'timestamp',
    ]);
    expect(department.notes).toContainEqual({
      path: 'schema[0].properties[0].physicalType',
      kind: 'changed',
      reason: "physical type 'serial' imported as int",
    });
  });
});
