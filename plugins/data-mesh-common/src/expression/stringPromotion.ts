/**
 * Spark's ANSI string promotion in comparisons (`AnsiStringPromotionTypeCoercion`):
 * a string compared with a number, a boolean, a date or a timestamp is
 * converted to the other side's type (integers compare as bigint, decimals
 * and doubles as double), and an invalid string raises an error at run
 * time, in Spark as in DuckDB's CAST.
 */
import type { ComparisonCoercion } from './typeRules';
import { isIntegralType, SqlType, SqlTypes } from './types';

/** The type a string compared with a value of `other` is read as. */
function promotedType(other: SqlType): SqlType | undefined {
  if (isIntegralType(other)) return SqlTypes.bigint;
  if (other.kind === 'decimal' || other.kind === 'double') {
    return SqlTypes.double;
  }
  if (
    other.kind === 'boolean' ||
    other.kind === 'date' ||
    other.kind === 'timestamp'
  ) {
    return other;
  }
  return undefined;
}

/**
 * How a string and a number, boolean, date or timestamp are compared, or
 * undefined when neither side is such a pair.
 */
export function stringPromotion(
  left: SqlType,
  right: SqlType,
): ComparisonCoercion | undefined {
  // Integers compare with a bigint unconverted in every dialect; a
  // decimal compared as a double is converted, as Spark converts it.
  const convert = (from: SqlType, to: SqlType) =>
    from.kind === 'decimal' && to.kind === 'double' ? to : undefined;
  if (left.kind === 'string' && right.kind !== 'string') {
    const type = promotedType(right);
    return (
      type && { type, convertLeft: type, convertRight: convert(right, type) }
    );
  }
  if (right.kind === 'string' && left.kind !== 'string') {
    const type = promotedType(left);
    return (
      type && { type, convertLeft: convert(left, type), convertRight: type }
    );
  }
  return undefined;
}
