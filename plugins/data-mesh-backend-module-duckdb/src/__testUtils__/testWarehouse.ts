import { DuckDBInstance } from '@duckdb/node-api';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Writes a DuckDB file holding the result of `statements`, then releases it. */
export async function createTestWarehouse(file: string, statements: string[]) {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  for (const statement of statements) {
    await connection.run(statement);
  }
  connection.closeSync();
  instance.closeSync();
}

/** A fresh temporary folder per test, removed afterwards. */
export function useTempDir(prefix: string): () => string {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  return () => dir;
}
