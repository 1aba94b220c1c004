import type { IntervalUnit } from './ast';

/**
 * The types of the expression language: the Spark SQL types that Spark SQL
 * and DuckDB represent the same way.
 *
 * - `null` is the type of the `NULL` literal; it converts to any type.
 * - `unknown` stands for a column whose type is not known (a partial schema);
 *   the type checker accepts it everywhere and infers `unknown` from it.
 * - `interval` only exists as an `INTERVAL n <unit>` literal added to or
 *   subtracted from a date or timestamp; it cannot be a column's type.
 *
 * @public
 */
export type SqlType =
  | { readonly kind: 'string' }
  | { readonly kind: 'tinyint' }
  | { readonly kind: 'smallint' }
  | { readonly kind: 'int' }
  | { readonly kind: 'bigint' }
  | { readonly kind: 'double' }
  | {
      readonly kind: 'decimal';
      readonly precision: number;
      readonly scale: number;
    }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'date' }
  | { readonly kind: 'timestamp' }
  | { readonly kind: 'interval'; readonly unit: IntervalUnit }
  | { readonly kind: 'array'; readonly element: SqlType }
  | { readonly kind: 'null' }
  | { readonly kind: 'unknown' };

/** The `kind` of a {@link SqlType}. @public */
export type SqlTypeKind = SqlType['kind'];

/** The values Spark's (and DuckDB's) integer types hold. */
export const INTEGER_RANGES = {
  tinyint: { min: -(2n ** 7n), max: 2n ** 7n - 1n },
  smallint: { min: -(2n ** 15n), max: 2n ** 15n - 1n },
  int: { min: -(2n ** 31n), max: 2n ** 31n - 1n },
  bigint: { min: -(2n ** 63n), max: 2n ** 63n - 1n },
} as const;

/** Spark's maximum decimal precision, which DuckDB shares. @public */
export const MAX_DECIMAL_PRECISION = 38;

/**
 * Constructors for {@link SqlType} values.
 *
 * @public
 */
export const SqlTypes = {
  string: { kind: 'string' } as SqlType,
  tinyint: { kind: 'tinyint' } as SqlType,
  smallint: { kind: 'smallint' } as SqlType,
  int: { kind: 'int' } as SqlType,
  bigint: { kind: 'bigint' } as SqlType,
  double: { kind: 'double' } as SqlType,
  boolean: { kind: 'boolean' } as SqlType,
  date: { kind: 'date' } as SqlType,
  timestamp: { kind: 'timestamp' } as SqlType,
  null: { kind: 'null' } as SqlType,
  unknown: { kind: 'unknown' } as SqlType,
  decimal(precision: number, scale: number): SqlType {
    return { kind: 'decimal', precision, scale };
  },
  array(element: SqlType): SqlType {
    return { kind: 'array', element };
  },
  interval(unit: IntervalUnit): SqlType {
    return { kind: 'interval', unit };
  },
} as const;

/**
 * The type as Spark writes it in schemas and messages: `string`, `int`,
 * `decimal(10,2)`, `array<string>`.
 *
 * @public
 */
export function formatSqlType(type: SqlType): string {
  switch (type.kind) {
    case 'decimal':
      return `decimal(${type.precision},${type.scale})`;
    case 'array':
      return `array<${formatSqlType(type.element)}>`;
    case 'interval':
      return `interval ${type.unit.toLowerCase()}`;
    case 'null':
      return 'void';
    default:
      return type.kind;
  }
}

/** Whether two types are the same type. @public */
export function sqlTypesEqual(a: SqlType, b: SqlType): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'decimal' && b.kind === 'decimal') {
    return a.precision === b.precision && a.scale === b.scale;
  }
  if (a.kind === 'array' && b.kind === 'array') {
    return sqlTypesEqual(a.element, b.element);
  }
  if (a.kind === 'interval' && b.kind === 'interval') {
    return a.unit === b.unit;
  }
  return true;
}

/** An integer type, decimal or double. @public */
export function isNumericType(type: SqlType): boolean {
  return (
    isIntegralType(type) || type.kind === 'decimal' || type.kind === 'double'
  );
}

/** tinyint, smallint, int or bigint. @public */
export function isIntegralType(type: SqlType): boolean {
  return type.kind in INTEGER_RANGES;
}

/**
 * tinyint or smallint: Spark's integer types narrower than int, which only
 * `1Y` and `1S` literals produce here.
 */
export function isNarrowIntegerType(type: SqlType): boolean {
  return type.kind === 'tinyint' || type.kind === 'smallint';
}

/** `null` or `unknown`: types that fit anywhere. */
export function isWildcardType(type: SqlType): boolean {
  return type.kind === 'null' || type.kind === 'unknown';
}
