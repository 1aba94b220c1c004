import { DemoColumn, DemoColumnType, DemoTable, DemoValue } from '../types';

/** A column definition together with how to read its value off a record. */
export interface ColumnSpec<TRecord> {
  name: string;
  type: DemoColumnType;
  nullable?: boolean;
  description: string;
  value: (record: TRecord) => DemoValue;
}

/** The static shape of a table, applied to records by {@link buildTable}. */
export interface TableSpec<TRecord> {
  name: string;
  description: string;
  primaryKey: string;
  columns: readonly ColumnSpec<TRecord>[];
}

/**
 * Turns typed records into a {@link DemoTable}. Keeping each column's type,
 * description and value extraction in one place means a column cannot be
 * added to the schema without also being filled.
 */
export function buildTable<TRecord>(
  spec: TableSpec<TRecord>,
  records: readonly TRecord[],
): DemoTable {
  const columns: DemoColumn[] = spec.columns.map(column => ({
    name: column.name,
    type: column.type,
    nullable: column.nullable ?? false,
    description: column.description,
  }));
  const extractors = spec.columns.map(column => column.value);
  return {
    name: spec.name,
    description: spec.description,
    primaryKey: spec.primaryKey,
    columns,
    rows: records.map(record => extractors.map(extract => extract(record))),
  };
}
