import { createHash, Hash } from 'node:crypto';
import { demoValueCanonicaliser } from './columnValues';
import { DemoData } from './types';

/*
 * The canonical serialisation behind demo checksums:
 *
 *   meshwork-demo-data/v1
 *   table bronze.accounts          (tables sorted by name)
 *   column account_id BIGINT       (columns in table order)
 *   ...
 *   primary key account_id
 *   ["2000001","1000001",...]      (one JSON array of canonical texts per
 *   ...                             row, rows ordered by primary key)
 *
 * Row lines start with `[` and header lines never do, so the stream cannot
 * be read two ways. Tables are sorted by name rather than kept in
 * generation order because a warehouse has no table order to read back.
 */

const FORMAT_LINE = 'meshwork-demo-data/v1\n';
const ROWS_PER_UPDATE = 512;

/** The column shape the canonical serialisation needs. */
export interface CanonicalColumn {
  name: string;
  type: string;
}

/** Feeds tables and rows, in canonical order, into a SHA-256 digest. */
export class CanonicalDigest {
  readonly #hash: Hash = createHash('sha256');
  #pending: string[] = [];

  constructor() {
    this.#hash.update(FORMAT_LINE);
  }

  /** Starts a table; its rows follow through {@link CanonicalDigest.addRow}. */
  beginTable(
    qualifiedName: string,
    columns: readonly CanonicalColumn[],
    primaryKey: string,
  ): void {
    this.#flush();
    const header = [
      `table ${qualifiedName}`,
      ...columns.map(column => `column ${column.name} ${column.type}`),
      `primary key ${primaryKey}`,
    ];
    this.#hash.update(`${header.join('\n')}\n`);
  }

  addRow(canonicalValues: readonly (string | null)[]): void {
    this.#pending.push(JSON.stringify(canonicalValues));
    if (this.#pending.length >= ROWS_PER_UPDATE) {
      this.#flush();
    }
  }

  /** The lowercase hex digest. The digest cannot be used afterwards. */
  digest(): string {
    this.#flush();
    return this.#hash.digest('hex');
  }

  #flush(): void {
    if (this.#pending.length > 0) {
      this.#hash.update(`${this.#pending.join('\n')}\n`);
      this.#pending = [];
    }
  }
}

/** Orders items by name the same way on both sides of the comparison. */
export function byName(a: { name: string }, b: { name: string }): number {
  if (a.name < b.name) return -1;
  return a.name > b.name ? 1 : 0;
}

/**
 * The SHA-256 checksum (lowercase hex) of a demo data set's canonical
 * serialisation: table by table in name order, column by column, rows in
 * primary key order, with dates as ISO text and decimals as fixed-point
 * text. {@link readWarehouseChecksum} computes the same value from a seeded
 * DuckDB file.
 *
 * @public
 */
export function demoDataChecksum(data: DemoData): string {
  const digest = new CanonicalDigest();
  for (const table of [...data.tables].sort(byName)) {
    digest.beginTable(
      `${data.schema}.${table.name}`,
      table.columns,
      table.primaryKey,
    );
    const canonicalisers = table.columns.map(column =>
      demoValueCanonicaliser(column.type),
    );
    const keyIndex = table.columns.findIndex(
      column => column.name === table.primaryKey,
    );
    if (keyIndex < 0) {
      throw new Error(
        `Primary key ${table.primaryKey} is not a column of ${table.name}`,
      );
    }
    const rows = isOrderedBy(table.rows, keyIndex)
      ? table.rows
      : [...table.rows].sort((a, b) => compareKeys(a[keyIndex], b[keyIndex]));
    for (const row of rows) {
      if (row.length !== canonicalisers.length) {
        throw new Error(
          `A row of ${table.name} has ${row.length} values for ${canonicalisers.length} columns`,
        );
      }
      digest.addRow(row.map((value, index) => canonicalisers[index](value)));
    }
  }
  return digest.digest();
}

function compareKeys(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') {
    return a - b;
  }
  const textA = String(a);
  const textB = String(b);
  if (textA < textB) return -1;
  return textA > textB ? 1 : 0;
}

function isOrderedBy(rows: readonly unknown[][], keyIndex: number): boolean {
  for (let i = 1; i < rows.length; i++) {
    if (compareKeys(rows[i - 1][keyIndex], rows[i][keyIndex]) > 0) {
      return false;
    }
  }
  return true;
}
