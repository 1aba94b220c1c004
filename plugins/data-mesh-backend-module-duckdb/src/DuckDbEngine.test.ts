import fs from 'node:fs';
import path from 'node:path';
import { createTestWarehouse, useTempDir } from './__testUtils__/testWarehouse';
import { DuckDbEngine, WarehouseConfigError } from './DuckDbEngine';

describe('DuckDbEngine', () => {
  const tempDir = useTempDir('meshwork-duckdb-');

  it('opens a warehouse and counts its tables', async () => {
    const file = path.join(tempDir(), 'warehouse.duckdb');
    await createTestWarehouse(file, [
      'CREATE SCHEMA bronze',
      'CREATE TABLE bronze.customers (id INTEGER)',
      'CREATE TABLE bronze.orders (id INTEGER)',
    ]);

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
    const file = path.join(tempDir(), 'missing.duckdb');

    const opening = DuckDbEngine.open(file);

    await expect(opening).rejects.toThrow(WarehouseConfigError);
    await expect(opening).rejects.toThrow(
      `dataMesh.engines.duckdb.path: no DuckDB warehouse at '${file}'`,
    );
  });

  it('names the config key when the file is not a DuckDB database', async () => {
    const file = path.join(tempDir(), 'notes.txt');
    fs.writeFileSync(file, 'this is not a database\n'.repeat(200));

    await expect(DuckDbEngine.open(file)).rejects.toThrow(
      /^dataMesh\.engines\.duckdb\.path: cannot open the DuckDB warehouse at '.*notes\.txt': [^\n]+$/,
    );
  });

  it('names the config key when the path is a directory', async () => {
    await expect(DuckDbEngine.open(tempDir())).rejects.toThrow(
      /^dataMesh\.engines\.duckdb\.path: cannot open the DuckDB warehouse/,
    );
  });
});
