import { DuckDBInstance } from '@duckdb/node-api';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
  copyFile,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoDataChecksum } from './checksum';
import { generateDemoData } from './generateDemoData';
import { readWarehouseChecksum } from './readWarehouseChecksum';
import {
  seedDemoWarehouse,
  SeedDemoWarehouseResult,
} from './seedDemoWarehouse';

const SEED_42_CHECKSUM = demoDataChecksum(generateDemoData());

async function queryRows(path: string, sql: string, readOnly = true) {
  const instance = await DuckDBInstance.create(
    path,
    readOnly ? { access_mode: 'READ_ONLY' } : {},
  );
  try {
    const connection = await instance.connect();
    try {
      return (await connection.runAndReadAll(sql)).getRowObjectsJson();
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

describe('seedDemoWarehouse', () => {
  let root: string;
  /** A scale-1, seed-42 warehouse seeded once; tests work on copies. */
  let template: string;
  let templateResult: SeedDemoWarehouseResult;
  const targetExistedWhileWriting: boolean[] = [];

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'meshwork-seed-'));
    template = join(root, 'nested', 'folders', 'template.duckdb');
    templateResult = await seedDemoWarehouse({
      path: template,
      onTableWritten: () => {
        targetExistedWhileWriting.push(existsSync(template));
      },
    });
  }, 60_000);

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  /** A fresh, empty folder for one test. */
  const freshFolder = () => mkdtemp(join(root, 'case-'));

  async function copyOfTemplate(): Promise<string> {
    const path = join(await freshFolder(), 'warehouse.duckdb');
    await copyFile(template, path);
    return path;
  }

  const failAt =
    (tableName: string) =>
    ({ name }: { name: string }) => {
      if (name === tableName) {
        throw new Error('injected failure');
      }
    };

  it('writes exactly the generated data, proven by reading it back', async () => {
    expect(templateResult).toEqual({
      path: template,
      seed: 42,
      scale: 1,
      checksum: SEED_42_CHECKSUM,
      tables: [
        { name: 'customers', rows: 1000 },
        { name: 'accounts', rows: expect.any(Number) },
        { name: 'products', rows: 200 },
        { name: 'orders', rows: expect.any(Number) },
        { name: 'order_lines', rows: expect.any(Number) },
      ],
      durationMs: expect.any(Number),
      outcome: 'seeded',
    });
    await expect(readWarehouseChecksum(template)).resolves.toBe(
      SEED_42_CHECKSUM,
    );
  });

  it('creates missing parent folders and renames the file into place only when complete', async () => {
    expect(existsSync(template)).toBe(true);
    expect(targetExistedWhileWriting).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(await readdir(join(root, 'nested', 'folders'))).toEqual([
      'template.duckdb',
    ]);
  });

  it('records what the warehouse was seeded with in meshwork.seed_info', async () => {
    await expect(
      queryRows(template, 'SELECT * FROM meshwork.seed_info'),
    ).resolves.toEqual([
      {
        seed: '42',
        scale: 1,
        checksum: SEED_42_CHECKSUM,
        as_of_date: '2026-06-30',
      },
    ]);
  });

  it('declares primary keys and documents every table', async () => {
    const tables = await queryRows(
      template,
      `SELECT t.table_name, t.comment, c.constraint_column_names[1] AS primary_key
       FROM duckdb_tables() t
       JOIN duckdb_constraints() c USING (database_name, schema_name, table_name)
       WHERE t.schema_name = 'bronze' AND c.constraint_type = 'PRIMARY KEY'
       ORDER BY t.table_name`,
    );
    expect(tables.map(t => [t.table_name, t.primary_key])).toEqual([
      ['accounts', 'account_id'],
      ['customers', 'customer_id'],
      ['order_lines', 'order_line_id'],
      ['orders', 'order_id'],
      ['products', 'product_id'],
    ]);
    expect(tables.every(t => String(t.comment).length > 10)).toBe(true);
  });

  it('stores line amounts that DuckDB reproduces in decimal arithmetic', async () => {
    // `discount_pct / 100` would turn DuckDB's arithmetic into DOUBLE and
    // round a few exact half cents the other way; `* 0.01` stays DECIMAL.
    await expect(
      queryRows(
        template,
        `SELECT count(*)::INTEGER AS mismatches FROM bronze.order_lines
         WHERE line_amount <> round(quantity * unit_price * (1 - discount_pct * 0.01), 2)`,
      ),
    ).resolves.toEqual([{ mismatches: 0 }]);
  });

  it('leaves a warehouse that is already up to date alone', async () => {
    const path = await copyOfTemplate();
    const before = await stat(path);
    const result = await seedDemoWarehouse({ path });
    expect(result.outcome).toBe('up-to-date');
    expect(result.checksum).toBe(SEED_42_CHECKSUM);
    expect((await stat(path)).mtimeMs).toBe(before.mtimeMs);
  });

  it('refuses to replace a warehouse holding other data without force', async () => {
    const path = await copyOfTemplate();
    await expect(seedDemoWarehouse({ path, seed: 7 })).rejects.toThrow(
      `${path} already holds data seeded with seed 42 and scale 1; use force to replace it`,
    );
    await expect(readWarehouseChecksum(path)).resolves.toBe(SEED_42_CHECKSUM);
  });

  it('replaces a warehouse holding other data with force', async () => {
    const path = await copyOfTemplate();
    const result = await seedDemoWarehouse({ path, seed: 7, force: true });
    const expected = demoDataChecksum(generateDemoData({ seed: 7 }));
    expect(result).toMatchObject({ outcome: 'seeded', checksum: expected });
    await expect(readWarehouseChecksum(path)).resolves.toBe(expected);
    expect(await readdir(join(path, '..'))).toEqual(['warehouse.duckdb']);
  }, 30_000);

  it('refuses a warehouse seeded by another generator version without force', async () => {
    const path = await copyOfTemplate();
    await queryRows(
      path,
      "UPDATE meshwork.seed_info SET checksum = 'from-another-version'",
      false,
    );
    await expect(seedDemoWarehouse({ path })).rejects.toThrow(
      `${path} holds different data for seed 42 and scale 1 (checksum from-another-version), from another version of the generator; use force to replace it`,
    );
    await expect(
      seedDemoWarehouse({ path, force: true }),
    ).resolves.toMatchObject({ outcome: 'seeded', checksum: SEED_42_CHECKSUM });
  }, 30_000);

  it('refuses a DuckDB database that meshwork did not seed without force', async () => {
    const path = join(await freshFolder(), 'other.duckdb');
    await queryRows(path, 'CREATE TABLE notes (text VARCHAR)', false);
    await expect(seedDemoWarehouse({ path })).rejects.toThrow(
      `${path} already holds a database that was not seeded by meshwork; use force to replace it`,
    );
  });

  it('never overwrites a file that is not a DuckDB database, even with force', async () => {
    const path = join(await freshFolder(), 'notes.txt');
    await writeFile(path, 'not a warehouse');
    await expect(seedDemoWarehouse({ path, force: true })).rejects.toThrow(
      `${path} is not a DuckDB database`,
    );
    expect(await readFile(path, 'utf8')).toBe('not a warehouse');
  });

  it('leaves nothing behind when seeding fails midway', async () => {
    const folder = await freshFolder();
    const path = join(folder, 'warehouse.duckdb');
    await expect(
      seedDemoWarehouse({ path, onTableWritten: failAt('orders') }),
    ).rejects.toThrow(`Cannot seed ${path}: injected failure`);
    expect(await readdir(folder)).toEqual([]);
  });

  it('keeps the previous warehouse when a forced reseed fails midway', async () => {
    const path = await copyOfTemplate();
    await expect(
      seedDemoWarehouse({
        path,
        seed: 7,
        force: true,
        onTableWritten: failAt('products'),
      }),
    ).rejects.toThrow(/injected failure/);
    await expect(readWarehouseChecksum(path)).resolves.toBe(SEED_42_CHECKSUM);
    expect(await readdir(join(path, '..'))).toEqual(['warehouse.duckdb']);
  });

  it('discards a stale write-ahead log that would break the new file', async () => {
    const path = await copyOfTemplate();
    // A log left by a crashed process that had another database open under
    // this name: replaying it onto the new file fails.
    const other = join(await freshFolder(), 'other.duckdb');
    const instance = await DuckDBInstance.create(other);
    const connection = await instance.connect();
    await connection.run(
      'CREATE TABLE t (x INTEGER); CHECKPOINT; INSERT INTO t VALUES (1)',
    );
    await copyFile(`${other}.wal`, `${path}.wal`);
    connection.closeSync();
    instance.closeSync();

    await seedDemoWarehouse({ path, force: true });
    expect(existsSync(`${path}.wal`)).toBe(false);
    await expect(readWarehouseChecksum(path)).resolves.toBe(SEED_42_CHECKSUM);
  });

  it('reports unusable paths in one line naming the path', async () => {
    const folder = await freshFolder();
    const file = join(folder, 'file');
    await writeFile(file, '');
    const underFile = join(file, 'warehouse.duckdb');
    await expect(seedDemoWarehouse({ path: underFile })).rejects.toThrow(
      `Cannot access ${underFile}: not a directory`,
    );
    await expect(seedDemoWarehouse({ path: folder })).rejects.toThrow(
      `${folder} is a folder, not a DuckDB file`,
    );
  });

  it('rejects a scale or seed that is not a usable integer before writing', async () => {
    const folder = await freshFolder();
    const path = join(folder, 'warehouse.duckdb');
    await expect(seedDemoWarehouse({ path, scale: 0 })).rejects.toThrow(
      `Cannot seed ${path}: scale must be a positive integer, got 0`,
    );
    await expect(seedDemoWarehouse({ path, seed: -3 })).rejects.toThrow(
      `Cannot seed ${path}: seed must be a non-negative integer, got -3`,
    );
    expect(await readdir(folder)).toEqual([]);
  });
});

describe('readWarehouseChecksum', () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'meshwork-checksum-'));
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('notices a single changed value', async () => {
    const path = join(folder, 'changed.duckdb');
    const { checksum } = await seedDemoWarehouse({ path });
    await queryRows(
      path,
      `UPDATE bronze.products SET unit_price = unit_price + 0.01
       WHERE product_id = 3000001`,
      false,
    );
    const changed = await readWarehouseChecksum(path);
    expect(changed).toMatch(/^[0-9a-f]{64}$/);
    expect(changed).not.toBe(checksum);
  }, 30_000);

  it('reports a missing file or a file that is not a DuckDB database', async () => {
    const missing = join(folder, 'missing.duckdb');
    await expect(readWarehouseChecksum(missing)).rejects.toThrow(
      `No warehouse at ${missing}`,
    );
    const text = join(folder, 'text.duckdb');
    await writeFile(text, 'hello');
    await expect(readWarehouseChecksum(text)).rejects.toThrow(
      `${text} is not a DuckDB database`,
    );
  });

  it('reports a warehouse that another process holds open', async () => {
    const path = join(folder, 'held.duckdb');
    await seedDemoWarehouse({ path });
    // DuckDB locks files per process, so the lock needs a second process,
    // as when the backend has the warehouse open.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        // The global reference keeps the instance (and its lock) from
        // being garbage collected.
        `require('@duckdb/node-api').DuckDBInstance.create(process.argv[1])
           .then(instance => {
             globalThis.instance = instance;
             console.log('holding');
             setInterval(() => {}, 1000);
           });`,
        path,
      ],
      { cwd: __dirname, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise(resolve => holder.stdout!.once('data', resolve));
      const inUse = `${path} is in use by another process (such as a running backend); stop it and try again`;
      await expect(readWarehouseChecksum(path)).rejects.toThrow(inUse);
      await expect(seedDemoWarehouse({ path })).rejects.toThrow(inUse);
    } finally {
      holder.kill();
    }
  }, 30_000);
});
