import { thrift } from '@databricks/sql';
import { QueryValue } from '@meshwork/data-mesh-node';

const { TTypeId } = thrift.TCLIService_types;
type TColumnDesc = InstanceType<typeof thrift.TCLIService_types.TColumnDesc>;

/** Spark's names of the Thrift type ids, as `DESCRIBE` prints them. */
const TYPE_NAMES: Record<number, string> = {
  [TTypeId.BOOLEAN_TYPE]: 'boolean',
  [TTypeId.TINYINT_TYPE]: 'tinyint',
  [TTypeId.SMALLINT_TYPE]: 'smallint',
  [TTypeId.INT_TYPE]: 'int',
  [TTypeId.BIGINT_TYPE]: 'bigint',
  [TTypeId.FLOAT_TYPE]: 'float',
  [TTypeId.DOUBLE_TYPE]: 'double',
  [TTypeId.STRING_TYPE]: 'string',
  [TTypeId.TIMESTAMP_TYPE]: 'timestamp',
  [TTypeId.BINARY_TYPE]: 'binary',
  [TTypeId.ARRAY_TYPE]: 'array',
  [TTypeId.MAP_TYPE]: 'map',
  [TTypeId.STRUCT_TYPE]: 'struct',
  [TTypeId.NULL_TYPE]: 'void',
  [TTypeId.DATE_TYPE]: 'date',
  [TTypeId.VARCHAR_TYPE]: 'string',
  [TTypeId.CHAR_TYPE]: 'string',
  [TTypeId.INTERVAL_YEAR_MONTH_TYPE]: 'interval year to month',
  [TTypeId.INTERVAL_DAY_TIME_TYPE]: 'interval day to second',
};

/**
 * The Spark SQL name of a result column's type. A warehouse describes
 * arrays, maps and structs in result metadata without their element types,
 * so those read `array`, `map` and `struct`; `describeTable` has the full
 * names.
 */
export function sparkTypeName(column: TColumnDesc): string {
  const entry = column.typeDesc.types[0]?.primitiveEntry;
  if (!entry) return 'string';
  if (entry.type === TTypeId.DECIMAL_TYPE) {
    const qualifiers = entry.typeQualifiers?.qualifiers ?? {};
    const precision = qualifiers.precision?.i32Value ?? 10;
    const scale = qualifiers.scale?.i32Value ?? 0;
    return `decimal(${precision},${scale})`;
  }
  return TYPE_NAMES[entry.type] ?? 'string';
}

/**
 * A value as the driver hands it over, in the form {@link QueryValue}
 * documents for its Spark type. The driver's form depends on how the
 * warehouse sent the rows: Arrow batches give `bigint`s, exact decimal
 * strings and `Date`s; column-based row sets give numbers and strings.
 */
export function toQueryValue(value: unknown, type: string): QueryValue {
  if (value === null || value === undefined) return null;
  const base = type.replace(/[<(].*$/, '');
  switch (base) {
    case 'boolean':
      return Boolean(value);
    case 'tinyint':
    case 'smallint':
    case 'int':
      return Number(value);
    case 'float':
    case 'double': {
      const number = Number(value);
      return Number.isFinite(number) ? number : String(number);
    }
    case 'bigint':
      return String(value);
    case 'decimal':
      return decimalText(value, type);
    case 'date':
      return value instanceof Date
        ? value.toISOString().slice(0, 10)
        : String(value);
    case 'timestamp':
      return value instanceof Date
        ? value.toISOString().replace(/\.000Z$/, 'Z')
        : String(value).replace(' ', 'T');
    case 'binary':
      return Buffer.from(value as Uint8Array).toString('base64');
    case 'array':
    case 'map':
    case 'struct':
      return nested(value, base);
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/**
 * A decimal with the digits of its scale: the driver turns column-based
 * decimals into numbers, which drop trailing zeros (`12.50` → 12.5).
 */
function decimalText(value: unknown, type: string): string {
  if (typeof value !== 'number') return String(value);
  const scale = Number(/,\s*(\d+)\)$/.exec(type)?.[1] ?? 0);
  return value.toFixed(scale);
}

/** Nested values keep their shape; a map becomes `{ key, value }` entries. */
function nested(value: unknown, base: string): QueryValue {
  if (typeof value === 'string') {
    try {
      return nested(JSON.parse(value), base);
    } catch {
      return value;
    }
  }
  if (
    base === 'map' &&
    value &&
    typeof value === 'object' &&
    !Array.isArray(value)
  ) {
    const entries = value instanceof Map ? [...value] : Object.entries(value);
    return entries.map(([key, item]) => ({
      key: plain(key),
      value: plain(item),
    }));
  }
  return plain(value);
}

function plain(value: unknown): QueryValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : String(value);
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, plain(item)]),
    );
  }
  return String(value);
}
