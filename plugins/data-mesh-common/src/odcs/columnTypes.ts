import { parseSqlType } from '../expression/parser';
import { SqlType } from '../expression/types';
import { OdcsProperty } from './types';

/** The ODCS logical types (`SchemaBaseProperty.logicalType`). */
export type OdcsLogicalType =
  | 'string'
  | 'date'
  | 'timestamp'
  | 'time'
  | 'number'
  | 'integer'
  | 'object'
  | 'array'
  | 'boolean';

function tryParse(text: string): SqlType | undefined {
  try {
    return parseSqlType(text);
  } catch {
    return undefined;
  }
}

/** The ODCS logical type of a column of a Spark SQL type. */
export function logicalTypeOf(sparkType: string): OdcsLogicalType {
  const parsed = tryParse(sparkType);
  switch (parsed?.kind) {
    case 'tinyint':
    case 'smallint':
    case 'int':
    case 'bigint':
      return 'integer';
    case 'double':
    case 'decimal':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'timestamp':
      return 'timestamp';
    case 'array':
      return 'array';
    default:
      return 'string';
  }
}

/**
 * Types of other databases that Meshwork's Spark SQL subset does not name,
 * and the nearest type it has. Keys are lower case, without parameters.
 */
const FOREIGN_TYPES: Record<string, string> = {
  int1: 'int',
  int2: 'int',
  byte: 'int',
  short: 'int',
  smallint: 'int',
  tinyint: 'int',
  mediumint: 'int',
  int4: 'int',
  int32: 'int',
  serial: 'int',
  smallserial: 'int',
  int8: 'bigint',
  int64: 'bigint',
  bigserial: 'bigint',
  float: 'double',
  float4: 'double',
  float8: 'double',
  float64: 'double',
  real: 'double',
  'double precision': 'double',
  money: 'decimal(19,4)',
  bool: 'boolean',
  datetime: 'timestamp',
  datetime2: 'timestamp',
  smalldatetime: 'timestamp',
  timestamptz: 'timestamp',
  timestamp_ntz: 'timestamp',
  timestamp_ltz: 'timestamp',
  timestamp_tz: 'timestamp',
  'timestamp with time zone': 'timestamp',
  'timestamp without time zone': 'timestamp',
};

/** The type a column of a logical type gets when its physical type is unknown. */
const BY_LOGICAL_TYPE: Record<string, string> = {
  string: 'string',
  integer: 'bigint',
  number: 'double',
  boolean: 'boolean',
  date: 'date',
  timestamp: 'timestamp',
  time: 'string',
  array: 'array<string>',
  object: 'string',
};

/** How an ODCS property's type becomes a Meshwork column type. */
export interface ColumnTypeMapping {
  readonly type: string;
  /** Why the type is not the property's own, when it is not. */
  readonly note?: string;
}

/**
 * The Spark SQL type of an ODCS property: its `physicalType` when Meshwork
 * reads that as written, else the nearest type for the physical type of
 * another database (`int4`, `float8`, `number(10,2)`, `timestamptz`), else
 * the type for its `logicalType`.
 */
export function columnTypeOf(property: OdcsProperty): ColumnTypeMapping {
  const physical = property.physicalType?.trim();
  const logical = property.logicalType;
  if (physical) {
    if (tryParse(physical)) {
      // Written as the author wrote it: a re-export gives the same text.
      return { type: physical };
    }
    const lower = physical.toLowerCase().replace(/\s+/g, ' ');
    const decimal =
      /^(?:number|numeric|decimal|bignumeric)\s*\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)$/.exec(
        lower,
      );
    if (decimal) {
      const precision = Math.min(Number(decimal[1]), 38);
      const scale = Math.min(Number(decimal[2] ?? 0), precision);
      return {
        type: `decimal(${precision},${scale})`,
        note: `physical type '${physical}' imported as decimal(${precision},${scale})`,
      };
    }
    const base = lower.replace(/\s*[([].*$/, '');
    const known = FOREIGN_TYPES[lower] ?? FOREIGN_TYPES[base];
    if (known) {
      return {
        type: known,
        note: `physical type '${physical}' imported as ${known}`,
      };
    }
    if (
      /^(?:var)?char|^text$|^n?varchar|^character|^uuid$|^citext$/.test(base)
    ) {
      return {
        type: 'string',
        note: `physical type '${physical}' imported as string`,
      };
    }
    if (/^(?:number|numeric|decimal)$/.test(base)) {
      const type = logical === 'integer' ? 'bigint' : 'decimal(38,18)';
      return { type, note: `physical type '${physical}' imported as ${type}` };
    }
    const fallback = BY_LOGICAL_TYPE[logical ?? 'string'] ?? 'string';
    return {
      type: fallback,
      note: `physical type '${physical}' is not a type Meshwork knows; imported as ${fallback}${
        logical ? ` from its logical type '${logical}'` : ''
      }`,
    };
  }
  const type = BY_LOGICAL_TYPE[logical ?? 'string'] ?? 'string';
  return {
    type,
    note: logical
      ? `no physical type; imported as ${type} from the logical type '${logical}'`
      : 'no type; imported as string',
  };
}
