import { Dialect, init, parse } from '@polyglot-sql/sdk';

let initialised: Promise<void> | undefined;

/**
 * Whether `SELECT <expression> AS v FROM orders` parses as Spark SQL, by an
 * independent parser (polyglot-sql). Resolves to the parser's error, or
 * undefined when it parses.
 */
export async function sparkParseError(
  expression: string,
): Promise<string | undefined> {
  initialised ??= init();
  await initialised;
  const result = parse(`SELECT ${expression} AS v FROM orders`, Dialect.Spark);
  return result.success ? undefined : result.error ?? 'parse failed';
}
