import { parseSqlType, ScalarValue } from '@meshwork/data-mesh-common';
import type { ColumnComparison } from './compareRows';

/** What a value of a result column looks like to JSON (`getRowsJson`). */
type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };

/** Decimals beyond this many digits do not survive a double. */
const EXACT_DIGITS = 15;

function kindOf(sparkType: string): string | undefined {
  try {
    return parseSqlType(sparkType).kind;
  } catch {
    return undefined;
  }
}

/** How a result column of this Spark SQL type is compared. */
export function columnComparison(sparkType: string): ColumnComparison {
  switch (kindOf(sparkType)) {
    case 'tinyint':
    case 'smallint':
    case 'int':
    case 'bigint':
    case 'double':
    case 'float':
    case 'decimal':
      return 'number';
    case 'timestamp':
      return 'timestamp';
    default:
      return 'exact';
  }
}

/**
 * A DuckDB value (as `getRowsJson` gives it) in the form a test file
 * writes it: numbers as numbers (bigints and decimals too, unless a
 * double would change them), dates as `YYYY-MM-DD`, timestamps as ISO
 * `YYYY-MM-DDTHH:MM:SS`, lists and structs as their JSON text.
 */
export function testValue(value: JsonValue, sparkType: string): ScalarValue {
  if (value === null) return null;
  if (typeof value === 'object') return JSON.stringify(value);
  switch (kindOf(sparkType)) {
    case 'bigint': {
      const n = Number(value);
      return Number.isSafeInteger(n) ? n : String(value);
    }
    case 'decimal': {
      const text = String(value);
      const digits = text.replace(/[^0-9]/g, '').replace(/^0+/, '');
      return digits.length <= EXACT_DIGITS ? Number(text) : text;
    }
    case 'timestamp':
      return String(value).replace(' ', 'T');
    default:
      return value;
  }
}
