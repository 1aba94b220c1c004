import { DuckDBInstance } from '@duckdb/node-api';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDbEngine, WarehouseConfigError } from './DuckDbEngine';

async function createWarehouse(file: string) {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  await connection.run('CREATE SCHEMA bronze');
  await connection.run('CREATE TABLE bronze.customers (id INTEGER)');
  await connection.run('CREATE TABLE bronze.orders (id INTEGER)');
  connection.closeSync();
  instance.closeSync();
}

describe('DuckDbEngine', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwork-duckdb-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('opens a warehouse and counts its tables', async () => {
    const file = path.join(dir, 'warehouse.duckdb');
    await createWarehouse(file);

    const engine = await DuckDbEngine.open(file);
    try {
      await expect(engine.status()).resolves.toEqual({
        state: 'ready',
        message: file,
        tableCount: 2,
      });
    } finally {
      await engine.close();
    }
  });

  it('names the config key when the warehouse file is missing', async () => {
    const file = path.join(dir, 'missing.duckdb');

    const opening = DuckDbEngine.open(file);

    await expect(opening).rejects.toThrow(WarehouseConfigError);
    await expect(opening).rejects.toThrow(
      `dataMesh.engines.duckdb.path: no DuckDB warehouse at '${file}'`,
    );
  });

  it('names the config key when the file is not a DuckDB database', async () => {
    const file = path.join(dir, 'notes.txt');
    fs.writeFileSync(file, 'this is not a database\n'.repeat(200));

    await expect(DuckDbEngine.open(file)).rejects.toThrow(
      /^dataMesh\.engines\.duckdb\.path: cannot open the DuckDB warehouse at '.*notes\.txt': [^\n]+$/,
    );
  });

  it('names the config key when the path is a directory', async () => {
    await expect(DuckDbEngine.open(dir)).rejects.toThrow(
      /^dataMesh\.engines\.duckdb\.path: cannot open the DuckDB warehouse/,
    );
  });
});
