/*
 * Conversions between demo values and DuckDB values: into DuckDB for the
 * appender, and from DuckDB into the canonical text the checksum hashes.
 */

import {
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBTimestampValue,
  DuckDBValue,
} from '@duckdb/node-api';
import { epochDay, isoDate } from './calendar';
import {
  columnKind,
  formatDecimal,
  formatIsoTimestamp,
  parseDecimalText,
} from './columnValues';
import { DemoValue } from './types';

/** Returns the converter from in-memory values of a column type to DuckDB values. */
export function toDuckDBValueConverter(
  type: string,
): (value: DemoValue) => DuckDBValue {
  const kind = columnKind(type);
  if (!kind) {
    throw new Error(`Unsupported demo column type ${type}`);
  }
  switch (kind.kind) {
    case 'integer':
      // BIGINT vectors hold bigint; INTEGER vectors hold number.
      return type === 'BIGINT'
        ? value => (value === null ? null : BigInt(value as number))
        : value => value;
    case 'varchar':
    case 'boolean':
      return value => value;
    case 'date':
      return value =>
        value === null ? null : new DuckDBDateValue(epochDay(value as string));
    case 'timestamp':
      return value =>
        value === null
          ? null
          : new DuckDBTimestampValue(
              BigInt(Date.parse(`${(value as string).replace(' ', 'T')}Z`)) *
                1000n,
            );
    case 'decimal':
      return value =>
        value === null
          ? null
          : new DuckDBDecimalValue(
              parseDecimalText(value as string, kind.scale),
              kind.width,
              kind.scale,
            );
    default:
      throw new Error(`Unsupported demo column type ${type}`);
  }
}

/**
 * Returns the canonicaliser for values read from a DuckDB column of the
 * given type name. Types the demo never uses fall back to DuckDB's own text
 * form: such a column cannot match generated data anyway, and the checksum
 * should report the difference rather than fail.
 */
export function warehouseValueCanonicaliser(
  type: string,
): (value: DuckDBValue) => string | null {
  const kind = columnKind(type);
  switch (kind?.kind) {
    case 'date':
      return value =>
        value === null ? null : isoDate((value as DuckDBDateValue).days);
    case 'timestamp':
      return value =>
        value === null
          ? null
          : formatIsoTimestamp((value as DuckDBTimestampValue).micros);
    case 'decimal':
      return value => {
        if (value === null) return null;
        const decimal = value as DuckDBDecimalValue;
        return formatDecimal(decimal.value, decimal.scale);
      };
    default:
      return value => (value === null ? null : String(value));
  }
}
