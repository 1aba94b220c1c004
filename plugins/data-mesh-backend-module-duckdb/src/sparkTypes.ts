import {
  DuckDBBlobValue,
  DuckDBListValue,
  DuckDBMapValue,
  DuckDBStructValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBType,
  DuckDBTypeId,
  DuckDBValue,
} from '@duckdb/node-api';
import { QueryValue } from '@meshwork/data-mesh-node';

/**
 * The Spark SQL name of a DuckDB type, so that a result or table reads the
 * same on both engines. Types Spark lacks become the Spark type that holds
 * all their values: unsigned integers the next wider signed type (UBIGINT a
 * `decimal(20,0)`), HUGEINT a `decimal(38,0)`, TIME, UUID and ENUM a
 * `string`.
 */
export function sparkTypeName(type: DuckDBType): string {
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return 'boolean';
    case DuckDBTypeId.TINYINT:
      return 'tinyint';
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.UTINYINT:
      return 'smallint';
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.USMALLINT:
      return 'int';
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UINTEGER:
      return 'bigint';
    case DuckDBTypeId.UBIGINT:
      return 'decimal(20,0)';
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
      return 'decimal(38,0)';
    case DuckDBTypeId.FLOAT:
      return 'float';
    case DuckDBTypeId.DOUBLE:
      return 'double';
    case DuckDBTypeId.DECIMAL:
      return `decimal(${type.width},${type.scale})`;
    case DuckDBTypeId.DATE:
      return 'date';
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return 'timestamp';
    case DuckDBTypeId.INTERVAL:
      return 'interval';
    case DuckDBTypeId.BLOB:
      return 'binary';
    case DuckDBTypeId.SQLNULL:
      return 'void';
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return `array<${sparkTypeName(type.valueType)}>`;
    case DuckDBTypeId.MAP:
      return `map<${sparkTypeName(type.keyType)},${sparkTypeName(
        type.valueType,
      )}>`;
    case DuckDBTypeId.STRUCT:
      return `struct<${type.entryNames
        .map((name, i) => `${name}:${sparkTypeName(type.entryTypes[i])}`)
        .join(',')}>`;
    default:
      return 'string';
  }
}

/**
 * A DuckDB value as JSON carries it, in the form {@link QueryValue}
 * documents for the value's Spark type.
 */
export function toQueryValue(value: DuckDBValue, type: DuckDBType): QueryValue {
  if (value === null) return null;
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.USMALLINT:
      return value as boolean | number;
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
      return Number.isFinite(value) ? (value as number) : String(value);
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
      // DuckDB writes `2026-06-30 09:15:00.5`; ISO 8601 wants the T.
      return String(value).replace(' ', 'T');
    case DuckDBTypeId.TIMESTAMP_TZ:
      return zonedTimestamp(value as DuckDBTimestampTZValue);
    case DuckDBTypeId.BLOB:
      return Buffer.from((value as DuckDBBlobValue).bytes).toString('base64');
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return (value as DuckDBListValue).items.map(item =>
        toQueryValue(item, type.valueType),
      );
    case DuckDBTypeId.MAP:
      return (value as DuckDBMapValue).entries.map(entry => ({
        key: toQueryValue(entry.key, type.keyType),
        value: toQueryValue(entry.value, type.valueType),
      }));
    case DuckDBTypeId.STRUCT: {
      const { entries } = value as DuckDBStructValue;
      return Object.fromEntries(
        type.entryNames.map((name, i) => [
          name,
          toQueryValue(entries[name], type.entryTypes[i]),
        ]),
      );
    }
    default:
      // bigint and wider integers, decimals (DuckDB keeps the scale:
      // `12.50`), dates, and everything Spark names `string`.
      return String(value);
  }
}

/**
 * DuckDB formats TIMESTAMPTZ in the process's time zone; a result must not
 * depend on where the backend runs, so it is written in UTC.
 */
function zonedTimestamp(value: DuckDBTimestampTZValue): string {
  const utc = new DuckDBTimestampValue(value.micros);
  if (!utc.isFinite) return String(utc);
  return `${String(utc).replace(' ', 'T')}Z`;
}
