import type { ScalarValue } from '@meshwork/data-mesh-common';

/** A row as the test compares it: column name → value. */
export type TestRow = Readonly<Record<string, ScalarValue | undefined>>;

/**
 * How a column's values compare: numbers within the tolerance (an
 * expected `"10.50"` is the number too), timestamps whether written with
 * a `T` or a space, everything else exactly.
 */
export type ColumnComparison = 'number' | 'timestamp' | 'exact';

/** A column a test compares. */
export interface ComparedColumn {
  readonly name: string;
  readonly comparison: ColumnComparison;
}

/** Options of {@link diffRows}. */
export interface CompareOptions {
  /** Row by row in order, rather than as a multiset. */
  readonly ordered?: boolean;
  /** Absolute tolerance for numbers; default 0. */
  readonly tolerance?: number;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function asNumber(value: ScalarValue | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && NUMBER.test(value.trim())) {
    return Number(value);
  }
  return undefined;
}

function sameValue(
  expected: ScalarValue | undefined,
  actual: ScalarValue | undefined,
  comparison: ColumnComparison,
  tolerance: number,
): boolean {
  if (expected === null || expected === undefined) {
    return actual === null || actual === undefined;
  }
  if (actual === null || actual === undefined) return false;
  if (comparison === 'number') {
    const a = asNumber(expected);
    const b = asNumber(actual);
    if (a !== undefined && b !== undefined) {
      // Exact when no tolerance is asked for: `10.5` is the decimal 10.50.
      return tolerance > 0 ? Math.abs(a - b) <= tolerance + 1e-12 : a === b;
    }
  }
  if (
    comparison === 'timestamp' &&
    typeof expected === 'string' &&
    typeof actual === 'string'
  ) {
    return expected.trim().replace(' ', 'T') === actual;
  }
  return expected === actual;
}

function sameRow(
  expected: TestRow,
  actual: TestRow,
  columns: readonly ComparedColumn[],
  tolerance: number,
): boolean {
  return columns.every(c =>
    sameValue(expected[c.name], actual[c.name], c.comparison, tolerance),
  );
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

function formatValue(value: ScalarValue | undefined): string {
  if (value === undefined || value === null) return 'null';
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** A row as one line, in the YAML flow style of the test file. */
export function formatRow(
  row: TestRow,
  columns: readonly ComparedColumn[],
): string {
  const cells = columns.map(
    c =>
      `${
        PLAIN_KEY.test(c.name) ? c.name : JSON.stringify(c.name)
      }: ${formatValue(row[c.name])}`,
  );
  return `{ ${cells.join(', ')} }`;
}

const rows = (count: number) => `${count} row${count === 1 ? '' : 's'}`;

/**
 * Compares the rows a node gave with the expected ones on `columns`.
 * Returns `undefined` when they agree, or a readable diff, one line each:
 * the expected rows not found (`- `) and the rows not expected (`+ `); in
 * order, the positions that differ.
 */
export function diffRows(
  expected: readonly TestRow[],
  actual: readonly TestRow[],
  columns: readonly ComparedColumn[],
  options: CompareOptions = {},
): string | undefined {
  const tolerance = options.tolerance ?? 0;
  const line = (sign: '-' | '+', row: TestRow) =>
    `  ${sign} ${formatRow(row, columns)}`;
  if (options.ordered) {
    const lines: string[] = [];
    const length = Math.max(expected.length, actual.length);
    for (let i = 0; i < length; i++) {
      const want = expected[i];
      const got = actual[i];
      if (want && got && sameRow(want, got, columns, tolerance)) continue;
      if (want && got) {
        const changed = columns
          .filter(
            c => !sameValue(want[c.name], got[c.name], c.comparison, tolerance),
          )
          .map(c => c.name);
        lines.push(
          `row ${i + 1} differs in ${changed.join(', ')}:`,
          line('-', want),
          line('+', got),
        );
      } else if (want) {
        lines.push(`row ${i + 1} expected, not found:`, line('-', want));
      } else {
        lines.push(`row ${i + 1} not expected:`, line('+', got));
      }
    }
    if (lines.length === 0) return undefined;
    return [
      `expected ${rows(expected.length)} in order, got ${rows(actual.length)}`,
      ...lines,
    ].join('\n');
  }

  // Greedy matching: with a tolerance "matches" is not transitive, but a
  // test's handful of rows never makes that matter.
  const unmatched = [...actual];
  const missing: TestRow[] = [];
  for (const want of expected) {
    const index = unmatched.findIndex(got =>
      sameRow(want, got, columns, tolerance),
    );
    if (index < 0) missing.push(want);
    else unmatched.splice(index, 1);
  }
  if (missing.length === 0 && unmatched.length === 0) return undefined;
  return [
    ...(missing.length
      ? [
          `expected ${rows(missing.length)} not found:`,
          ...missing.map(r => line('-', r)),
        ]
      : []),
    ...(unmatched.length
      ? [
          `unexpected ${rows(unmatched.length)}:`,
          ...unmatched.map(r => line('+', r)),
        ]
      : []),
  ].join('\n');
}
