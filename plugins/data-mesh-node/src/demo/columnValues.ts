/*
 * The canonical text form of demo values, shared by the checksum of
 * in-memory data and the checksum read back from a warehouse, so that both
 * sides provably serialise a value the same way.
 *
 * Canonical forms: integers in decimal, booleans as `true`/`false`, dates
 * as `YYYY-MM-DD`, timestamps as ISO `YYYY-MM-DDTHH:MM:SS` (with `.ffffff`
 * only when there are sub-second digits), decimals as fixed-point text with
 * exactly the column's scale, NULL as `null`.
 */

import { DemoValue } from './types';

/** How a column type is read, written and serialised. */
export type ColumnKind =
  | { kind: 'integer' }
  | { kind: 'varchar' }
  | { kind: 'boolean' }
  | { kind: 'date' }
  | { kind: 'timestamp' }
  | { kind: 'decimal'; width: number; scale: number };

const DECIMAL_TYPE = /^DECIMAL\((\d+),(\d+)\)$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP_TEXT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?$/;

/** The kind of a DuckDB type name, or undefined for types the demo never uses. */
export function columnKind(type: string): ColumnKind | undefined {
  switch (type) {
    case 'BIGINT':
    case 'INTEGER':
      return { kind: 'integer' };
    case 'VARCHAR':
      return { kind: 'varchar' };
    case 'BOOLEAN':
      return { kind: 'boolean' };
    case 'DATE':
      return { kind: 'date' };
    case 'TIMESTAMP':
      return { kind: 'timestamp' };
    default: {
      const match = DECIMAL_TYPE.exec(type);
      return match
        ? { kind: 'decimal', width: Number(match[1]), scale: Number(match[2]) }
        : undefined;
    }
  }
}

/** Fixed-point text of a scaled integer: `formatDecimal(1990n, 2)` is `19.90`. */
export function formatDecimal(scaled: bigint, scale: number): string {
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled)
    .toString()
    .padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** Fixed-point text of a whole number of hundredths: `formatCents(1990)` is `19.90`. */
export function formatCents(cents: number): string {
  // Number arithmetic rather than BigInt: this runs for every price in the
  // demo data, and safe integers divide exactly by 100.
  const magnitude = Math.abs(cents);
  const fraction = magnitude % 100;
  return `${cents < 0 ? '-' : ''}${(magnitude - fraction) / 100}.${
    fraction < 10 ? '0' : ''
  }${fraction}`;
}

/** The canonical ISO text of microseconds since the epoch. */
export function formatIsoTimestamp(micros: bigint): string {
  let seconds = micros / 1_000_000n;
  let fraction = micros % 1_000_000n;
  if (fraction < 0n) {
    fraction += 1_000_000n;
    seconds -= 1n;
  }
  const text = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  return fraction === 0n
    ? text
    : `${text}.${fraction.toString().padStart(6, '0')}`;
}

/** Scaled integer of a decimal in its in-memory text form (`19.90` → 1990n). */
export function parseDecimalText(text: string, scale: number): bigint {
  const [whole, fraction = ''] = text.split('.');
  return BigInt(whole + fraction.padEnd(scale, '0'));
}

function invalid(type: string, value: DemoValue): Error {
  return new Error(
    `Invalid ${type} value ${JSON.stringify(value)} in demo data`,
  );
}

/**
 * Returns a validator and canonicaliser for in-memory values of a column
 * type. Throws for types the demo data does not use.
 */
export function demoValueCanonicaliser(
  type: string,
): (value: DemoValue) => string | null {
  const kind = columnKind(type);
  if (!kind) {
    throw new Error(`Unsupported demo column type ${type}`);
  }
  switch (kind.kind) {
    case 'integer':
      return value => {
        if (value === null) return null;
        if (!Number.isSafeInteger(value)) throw invalid(type, value);
        return String(value);
      };
    case 'varchar':
      return value => {
        if (value === null) return null;
        if (typeof value !== 'string') throw invalid(type, value);
        return value;
      };
    case 'boolean':
      return value => {
        if (value === null) return null;
        if (typeof value !== 'boolean') throw invalid(type, value);
        return String(value);
      };
    case 'date':
      return value => {
        if (value === null) return null;
        if (typeof value !== 'string' || !ISO_DATE.test(value)) {
          throw invalid(type, value);
        }
        return value;
      };
    case 'timestamp':
      return value => {
        if (value === null) return null;
        if (typeof value !== 'string' || !TIMESTAMP_TEXT.test(value)) {
          throw invalid(type, value);
        }
        return value.replace(' ', 'T');
      };
    case 'decimal': {
      // Exactly `scale` decimals and no more digits than the width allows,
      // so the text is already canonical and survives DuckDB unchanged.
      const extraIntegerDigits = Math.max(kind.width - kind.scale - 1, 0);
      const fraction = kind.scale > 0 ? `\\.\\d{${kind.scale}}` : '';
      const pattern = new RegExp(
        `^-?(0|[1-9]\\d{0,${extraIntegerDigits}})${fraction}$`,
      );
      return value => {
        if (value === null) return null;
        if (typeof value !== 'string' || !pattern.test(value)) {
          throw invalid(type, value);
        }
        return value;
      };
    }
    default:
      throw new Error(`Unsupported demo column type ${type}`);
  }
}
