import fs from 'fs';
import path from 'path';
import { DatasetFile, parseProjectFile } from '@meshwork/data-mesh-common';
import { DEMO_SCHEMA } from './constants';
import { ACCOUNTS_TABLE } from './generators/accounts';
import { CUSTOMERS_TABLE } from './generators/customers';
import { ORDER_LINES_TABLE } from './generators/orderLines';
import { ORDERS_TABLE } from './generators/orders';
import { PRODUCTS_TABLE } from './generators/products';
import { TableSpec } from './generators/tableBuilder';
import { DemoColumnType } from './types';

/**
 * The Hello World project (examples/hello-world) describes the demo
 * warehouse's bronze tables in `datasets/bronze_<table>.dataset.yaml`, and
 * data-mesh-common type checks its pipelines against those files. This test
 * keeps them equal to what the generators write.
 */
const DATASETS = path.resolve(
  __dirname,
  '../../../../examples/hello-world/datasets',
);

const TABLES: readonly TableSpec<any>[] = [
  CUSTOMERS_TABLE,
  ACCOUNTS_TABLE,
  PRODUCTS_TABLE,
  ORDERS_TABLE,
  ORDER_LINES_TABLE,
];

/** The Spark name of each DuckDB type the generators use. */
function sparkType(type: DemoColumnType): string {
  const decimal = /^DECIMAL\((\d+),(\d+)\)$/.exec(type);
  if (decimal) return `decimal(${decimal[1]},${decimal[2]})`;
  const names: Record<string, string> = {
    BIGINT: 'bigint',
    INTEGER: 'int',
    VARCHAR: 'string',
    BOOLEAN: 'boolean',
    DATE: 'date',
    TIMESTAMP: 'timestamp',
  };
  if (!names[type]) throw new Error(`no Spark type for ${type}`);
  return names[type];
}

function readDataset(table: string): DatasetFile {
  const fileName = `datasets/bronze_${table}.dataset.yaml`;
  const text = fs.readFileSync(
    path.join(DATASETS, `bronze_${table}.dataset.yaml`),
    'utf8',
  );
  const { value, diagnostics } = parseProjectFile('dataset', fileName, text);
  expect(diagnostics).toEqual([]);
  return value!;
}

describe('Hello World bronze datasets', () => {
  it('exist for exactly the generated tables', () => {
    const files = fs
      .readdirSync(DATASETS)
      .filter(name => name.startsWith('bronze_'))
      .sort();
    expect(files).toEqual(
      TABLES.map(t => `bronze_${t.name}.dataset.yaml`).sort(),
    );
  });

  it.each(TABLES.map(t => [t.name, t] as const))(
    'bronze_%s matches the generator',
    (name, table) => {
      const dataset = readDataset(name);
      expect(dataset).toMatchObject({
        name: `bronze_${name}`,
        table: `${DEMO_SCHEMA}.${name}`,
        layer: 'bronze',
        visibility: 'internal',
      });
      expect(
        dataset.contract.columns.map(c => ({
          name: c.name,
          type: c.type,
          description: c.description,
        })),
      ).toEqual(
        table.columns.map(c => ({
          name: c.name,
          type: sparkType(c.type),
          description: c.description,
        })),
      );
      // not_null checks are exactly the columns the generator never leaves NULL.
      const notNull = (dataset.contract.quality ?? []).flatMap(q =>
        q.check === 'not_null' ? [q.column] : [],
      );
      expect(notNull).toEqual(
        table.columns.filter(c => !c.nullable).map(c => c.name),
      );
      expect(dataset.contract.quality).toContainEqual({
        check: 'unique',
        columns: [table.primaryKey],
      });
    },
  );
});
