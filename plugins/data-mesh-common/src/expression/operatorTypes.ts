/**
 * Result types of the arithmetic operators, as Spark infers them: numbers,
 * and dates and timestamps moved by days or intervals.
 */
import type { LiteralValue } from './ast';
import { arithmeticResultType, ArithmeticOperator } from './typeRules';
import { isNarrowIntegerType, isNumericType, SqlType, SqlTypes } from './types';

/** A numeric operand: its type and, if it is a literal, its value. */
export interface Operand {
  readonly type: SqlType;
  readonly literal?: LiteralValue;
}

/** Whether both operands are numbers (or NULL), so arithmetic applies. */
export function areNumeric(left: SqlType, right: SqlType): boolean {
  const numericOrNull = (type: SqlType) =>
    isNumericType(type) || type.kind === 'null';
  return numericOrNull(left) && numericOrNull(right);
}

/**
 * The type of `left <op> right` for numeric operands. A NULL operand takes
 * the other's type, and, like Spark, an integer literal next to a decimal
 * counts as the narrowest decimal that holds it (`2` is decimal(1,0), not
 * int's decimal(10,0)), which keeps result types small.
 */
export function numericResultType(
  operator: ArithmeticOperator,
  left: Operand,
  right: Operand,
): SqlType {
  if (left.type.kind === 'null' && right.type.kind === 'null') {
    return operator === '/' ? SqlTypes.double : SqlTypes.null;
  }
  const l = decimalOperandType(left, right.type);
  const r = decimalOperandType(right, left.type);
  return arithmeticResultType(
    operator,
    l.kind === 'null' ? r : l,
    r.kind === 'null' ? l : r,
  );
}

/**
 * The operand's type as Spark computes with it next to an operand of type
 * `other`: an integer literal next to a decimal is the narrowest decimal
 * that holds it.
 */
export function decimalOperandType(operand: Operand, other: SqlType): SqlType {
  const { literal } = operand;
  if (other.kind !== 'decimal' || literal?.type !== 'integer')
    return operand.type;
  const digits = literal.text.replace(/^-?0*/, '').length;
  return SqlTypes.decimal(Math.max(digits, 1), 0);
}

/**
 * The type of a date or timestamp moved by `+` or `-`, or undefined when the
 * operands are not a date/timestamp and a shift. A date moved by days (an
 * int, smallint or tinyint) or by an interval of days, months or years stays a date.
 */
export function shiftedDatetimeType(
  operator: '+' | '-',
  left: SqlType,
  right: SqlType,
): SqlType | undefined {
  const orders: Array<[SqlType, SqlType]> = [[left, right]];
  if (operator === '+') orders.push([right, left]);
  for (const [base, shift] of orders) {
    if (
      base.kind === 'date' &&
      (shift.kind === 'int' ||
        isNarrowIntegerType(shift) ||
        shift.kind === 'null')
    ) {
      return SqlTypes.date;
    }
    if (shift.kind !== 'interval') continue;
    const byWholeDays = ['YEAR', 'MONTH', 'DAY'].includes(shift.unit);
    if (base.kind === 'date')
      return byWholeDays ? SqlTypes.date : SqlTypes.timestamp;
    if (base.kind === 'timestamp') return SqlTypes.timestamp;
  }
  return undefined;
}
