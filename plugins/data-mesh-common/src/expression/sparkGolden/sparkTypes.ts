import { SqlType, SqlTypes } from '../types';

/**
 * Spark's types that the expression language stands in for with a wider
 * type of its own: it has no 4-byte floating point numbers and one
 * timestamp. The value must still be Spark's.
 */
const STAND_INS: Readonly<Record<string, SqlType>> = {
  float: SqlTypes.double,
  timestamp_ntz: SqlTypes.timestamp,
};

const SAME: Readonly<Record<string, SqlType>> = {
  tinyint: SqlTypes.tinyint,
  smallint: SqlTypes.smallint,
  int: SqlTypes.int,
  bigint: SqlTypes.bigint,
  double: SqlTypes.double,
  string: SqlTypes.string,
  boolean: SqlTypes.boolean,
  date: SqlTypes.date,
  timestamp: SqlTypes.timestamp,
  void: SqlTypes.null,
};

/**
 * The expression language's type for a type as Spark prints it in a
 * schema (`decimal(6,2)`, `array<int>`), or undefined when the language
 * has none (interval, binary, map, struct).
 */
export function sqlTypeOfSpark(sparkType: string): SqlType | undefined {
  const name = sparkType.trim().toLowerCase();
  if (name in SAME) return SAME[name];
  if (name in STAND_INS) return STAND_INS[name];
  const decimal = /^decimal\((\d+),\s*(\d+)\)$/.exec(name);
  if (decimal) return SqlTypes.decimal(Number(decimal[1]), Number(decimal[2]));
  const array = /^array<(.*)>$/.exec(name);
  if (array) {
    const element = sqlTypeOfSpark(array[1]);
    return element && SqlTypes.array(element);
  }
  return undefined;
}
