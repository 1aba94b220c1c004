import type { SqlType } from '../types';

/** Doubles agree to this relative difference (Spark and DuckDB round differently in the last bit). */
const DOUBLE_TOLERANCE = 1e-12;

/**
 * Whether DuckDB's value (as `getRowObjectsJson` gives it: numbers, exact
 * decimal and bigint strings, ISO dates, arrays) is the value Spark's test
 * suite printed as `output` for a result of `type` (undefined for types
 * the expression language has no counterpart of, compared as text).
 */
export function sameValue(
  type: SqlType | undefined,
  output: string,
  value: unknown,
): boolean {
  if (output === 'NULL') return value === null || value === undefined;
  return sameScalarOrArray(type, output, value);
}

function sameScalarOrArray(
  type: SqlType | undefined,
  text: string,
  value: unknown,
): boolean {
  if (value === null || value === undefined) return false;
  switch (type?.kind) {
    case 'array': {
      const elements = splitSparkArray(text);
      return (
        elements !== undefined &&
        Array.isArray(value) &&
        elements.length === value.length &&
        elements.every((element, i) =>
          element === 'null'
            ? value[i] === null
            : sameScalarOrArray(type.element, unquote(element), value[i]),
        )
      );
    }
    case 'tinyint':
    case 'smallint':
    case 'int':
    case 'bigint':
      return sameInteger(text, value);
    case 'decimal':
      return plainDecimal(text) === plainDecimal(String(value));
    case 'double':
      return sameDouble(Number(text), Number(value));
    case 'date':
      return isoYears(text) === isoYears(String(value));
    case 'timestamp':
      return (
        withoutTrailingZeros(isoYears(text)) ===
        withoutTrailingZeros(isoYears(String(value)))
      );
    default:
      return String(value) === text;
  }
}

function sameInteger(text: string, value: unknown): boolean {
  try {
    return BigInt(text) === BigInt(String(value));
  } catch {
    return false;
  }
}

function sameDouble(expected: number, actual: number): boolean {
  if (Number.isNaN(expected) || Number.isNaN(actual)) {
    return Number.isNaN(expected) && Number.isNaN(actual);
  }
  if (expected === actual) return true;
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) return false;
  return (
    Math.abs(expected - actual) <=
    DOUBLE_TOLERANCE * Math.max(Math.abs(expected), Math.abs(actual))
  );
}

/** `30.900` and `30.9` alike: the number, not its scale (the type says that). */
function plainDecimal(text: string): string {
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!match) return text;
  const whole = match[2].replace(/^0+(?=\d)/, '') || '0';
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  const sign = whole === '0' && fraction === '' ? '' : match[1];
  return fraction ? `${sign}${whole}.${fraction}` : `${sign}${whole}`;
}

/**
 * A date or timestamp with its year as a signed ISO year: Spark prints
 * years past 9999 with a `+` and years before 1 as `-0001` (ISO year 0 is
 * 1 BC), DuckDB prints `0002-01-28 (BC)` for Spark's `-0001-01-28`.
 */
function isoYears(text: string): string {
  const bc = /^(\d{4,})(-\d\d-\d\d) \(BC\)(.*)$/.exec(text);
  if (bc) {
    const year = Number(bc[1]) - 1;
    return `${year === 0 ? '' : '-'}${String(year).padStart(4, '0')}${bc[2]}${
      bc[3]
    }`;
  }
  return text.replace(/^\+/, '');
}

/** `2024-01-01 10:00:00.120` as `2024-01-01 10:00:00.12`. */
function withoutTrailingZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/**
 * The elements of an array as Spark prints it (`[1,null,3]`,
 * `["a","b"]`, `[[1],[2,3]]`), unparsed; undefined when it is not one.
 */
export function splitSparkArray(text: string): string[] | undefined {
  if (!text.startsWith('[') || !text.endsWith(']')) return undefined;
  const body = text.slice(1, -1);
  if (body === '') return [];
  const elements: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"') quoted = false;
    } else if (c === '"') {
      quoted = true;
    } else if (c === '[' || c === '{') {
      depth++;
    } else if (c === ']' || c === '}') {
      depth--;
    } else if (c === ',' && depth === 0) {
      elements.push(body.slice(start, i));
      start = i + 1;
    }
  }
  elements.push(body.slice(start));
  return elements;
}

/** Spark quotes strings nested in arrays: `"a"`. */
function unquote(element: string): string {
  return element.length >= 2 && element.startsWith('"') && element.endsWith('"')
    ? element.slice(1, -1)
    : element;
}
