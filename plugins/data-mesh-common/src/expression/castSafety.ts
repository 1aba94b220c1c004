import { canCast } from './typeRules';
import {
  INTEGER_RANGES,
  isIntegralType,
  SqlType,
  sqlTypesEqual,
} from './types';

/**
 * What casting a value of one type to another does to it:
 *
 * - `same`: the types are equal; the cast changes nothing.
 * - `widening`: every value converts exactly (int → bigint,
 *   decimal(10,2) → decimal(12,2), date → timestamp, anything → string).
 * - `lossy`: the cast is allowed but some values lose digits, precision or
 *   a part (decimal(22,2) → decimal(12,2), double → decimal, bigint → int,
 *   timestamp → date) or fail to convert (a string to a number).
 * - `impossible`: Spark refuses the cast (decimal → date).
 */
export type CastSafety = 'same' | 'widening' | 'lossy' | 'impossible';

/**
 * The digits before and after the point a value of an exact number type
 * may have: an int needs 10 integer digits, a bigint 19.
 */
function digitsNeeded(type: SqlType): { integral: number; fraction: number } {
  switch (type.kind) {
    case 'tinyint':
      return { integral: 3, fraction: 0 };
    case 'smallint':
      return { integral: 5, fraction: 0 };
    case 'int':
      return { integral: 10, fraction: 0 };
    case 'bigint':
      return { integral: 19, fraction: 0 };
    case 'decimal':
      return { integral: type.precision - type.scale, fraction: type.scale };
    default:
      throw new Error(`${type.kind} is not an exact number type`);
  }
}

/**
 * Whether every value with these digits fits the exact type: an int holds
 * every 9-digit integer (not every 10-digit one), a bigint every 18-digit
 * one, an int or bigint the values of the narrower integer type.
 */
function fits(
  digits: { integral: number; fraction: number },
  from: SqlType,
  to: SqlType,
): boolean {
  if (to.kind === 'decimal') {
    return (
      digits.fraction <= to.scale && digits.integral <= to.precision - to.scale
    );
  }
  if (digits.fraction > 0) return false;
  if (isIntegralType(from)) return integerWidth(from) <= integerWidth(to);
  // The digits every value of that many digits fits in.
  const safeDigits: Record<string, number> = {
    tinyint: 2,
    smallint: 4,
    int: 9,
    bigint: 18,
  };
  return digits.integral <= safeDigits[to.kind];
}

/** How many values an integer type holds, to compare their widths. */
function integerWidth(type: SqlType): bigint {
  return INTEGER_RANGES[type.kind as keyof typeof INTEGER_RANGES].max;
}

/** A double holds integers and decimals of up to 15 significant digits exactly. */
const DOUBLE_EXACT_DIGITS = 15;

/** Between two different types of int, bigint, decimal and double. */
function numericSafety(from: SqlType, to: SqlType): CastSafety {
  if (to.kind === 'double') {
    const { integral, fraction } = digitsNeeded(from);
    return integral + fraction <= DOUBLE_EXACT_DIGITS ? 'widening' : 'lossy';
  }
  // A double has fractions and a range no exact type holds.
  if (from.kind === 'double') return 'lossy';
  return fits(digitsNeeded(from), from, to) ? 'widening' : 'lossy';
}

/**
 * How safely Spark casts a value of type `from` to type `to` (see
 * {@link CastSafety}); the types allowed at all are those of `canCast`.
 * A NULL or a column of unknown type converts to anything.
 */
export function castSafety(from: SqlType, to: SqlType): CastSafety {
  if (sqlTypesEqual(from, to)) return 'same';
  if (!canCast(from, to)) return 'impossible';
  if (
    from.kind === 'null' ||
    from.kind === 'unknown' ||
    to.kind === 'unknown'
  ) {
    return 'widening';
  }
  if (to.kind === 'string') return 'widening';
  // A string converts only when it spells a value of the type.
  if (from.kind === 'string') return 'lossy';
  if (from.kind === 'array' && to.kind === 'array') {
    const element = castSafety(from.element, to.element);
    return element === 'same' ? 'widening' : element;
  }
  if (from.kind === 'boolean') return 'widening';
  if (to.kind === 'boolean') return 'lossy';
  if (from.kind === 'date' && to.kind === 'timestamp') return 'widening';
  if (from.kind === 'timestamp' && to.kind === 'date') return 'lossy';
  return numericSafety(from, to);
}
