/** @jest-environment node */
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { QueryError } from '@meshwork/data-mesh-node';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createTestWarehouse, useTempDir } from './__testUtils__/testWarehouse';
import { DuckDbEngine } from './DuckDbEngine';
import { sandboxedInstanceOptions } from './sandbox';
import { WarehouseConfigError } from './WarehouseConfigError';

/**
 * Limits unlike the defaults and unlike DuckDB's own, so that the tests
 * see them applied rather than happening to match.
 */
const LIMITS = {
  memoryLimit: '512MiB',
  threads: 1,
  maxTempDirectorySize: '1GiB',
};

/** The settings as DuckDB reports them once the sandbox is in force. */
const SANDBOX_SETTINGS = {
  enable_external_access: 'false',
  autoinstall_known_extensions: 'false',
  autoload_known_extensions: 'false',
  allow_community_extensions: 'false',
  allow_unsigned_extensions: 'false',
  allow_persistent_secrets: 'false',
  allow_unredacted_secrets: 'false',
  memory_limit: '512.0 MiB',
  threads: '1',
  max_temp_directory_size: '1.0 GiB',
  lock_configuration: 'true',
};

/** How a statement gets to the engine. */
type Via = 'run' | 'execute' | 'writeTarget';

/** DuckDB's sandbox refused to open a file, a URL or an extension. */
const NO_FILES =
  /^Permission Error: .* - file system operations are disabled by configuration|^Permission Error: Loading external extensions is disabled/;
/** The engine's `execute` refused a statement that reaches outside. */
const OUTSIDE = /^execute only changes tables: the statement is a /;
/**
 * Either: DuckDB refuses most file statements while preparing them, before
 * the engine sees their type.
 */
const NO_FILES_OR_OUTSIDE = new RegExp(`${NO_FILES.source}|${OUTSIDE.source}`);
/**
 * The locked configuration refused a change. The option's name is hidden
 * like every quoted text of an Invalid Input Error (see queryErrors.ts).
 */
const LOCKED =
  /^Invalid Input Error: Cannot change configuration option '…' - the configuration has been locked/;

interface Attempt {
  name: string;
  via: Via;
  /** `{dir}` stands for the test's folder, where the canary files are. */
  sql: string;
  /** How it must fail. */
  refusal: RegExp;
  /** Files, relative to `{dir}`, the statement would create. */
  creates?: string[];
  /**
   * What an unsandboxed DuckDB reveals with it: the canary file's content,
   * or the canary file's name.
   */
  reveals?: 'content' | 'listing';
}

function reads(sql: string): Attempt {
  return { name: sql, via: 'run', sql, refusal: NO_FILES, reveals: 'content' };
}

function changesSettings(sql: string): Attempt {
  return {
    name: sql,
    via: 'execute',
    sql,
    refusal: LOCKED,
    creates: ['spill', 'queries.log', 'profile.json'],
  };
}

/**
 * Ways out of the database, each through the engine's public calls. Every
 * one must fail. Those that `reveal` something do so on an unsandboxed
 * DuckDB (see 'the sandbox without the engine'), so they fail because of
 * the sandbox, not because they are wrong.
 */
const ATTEMPTS: Attempt[] = [
  reads("SELECT content FROM read_text('{dir}/canary.txt')"),
  reads(
    "SELECT content::VARCHAR AS content FROM read_blob('{dir}/canary.txt')",
  ),
  reads("SELECT * FROM read_csv('{dir}/canary.csv')"),
  reads("SELECT * FROM read_csv_auto('{dir}/canary.csv')"),
  reads("SELECT * FROM read_json('{dir}/canary.json')"),
  reads("SELECT * FROM read_json_auto('{dir}/canary.json')"),
  reads("SELECT * FROM read_parquet('{dir}/canary.parquet')"),
  reads("SELECT content FROM read_text('file://{dir}/canary.txt')"),
  reads(
    "SELECT * FROM query('SELECT content FROM read_text(''{dir}/canary.txt'')')",
  ),
  {
    name: "SELECT * FROM 'file.csv' (a replacement scan)",
    via: 'run',
    sql: "SELECT * FROM '{dir}/canary.csv'",
    refusal: NO_FILES,
    reveals: 'content',
  },
  {
    name: 'glob',
    via: 'run',
    sql: "SELECT file FROM glob('{dir}/*')",
    refusal: NO_FILES,
    reveals: 'listing',
  },
  {
    name: 'sniff_csv',
    via: 'run',
    sql: "SELECT * FROM sniff_csv('{dir}/canary.csv')",
    refusal: NO_FILES,
  },
  {
    name: 'an https URL',
    via: 'run',
    sql: "SELECT * FROM read_csv('https://example.com/data.csv')",
    refusal: NO_FILES,
  },
  {
    name: 'getenv',
    via: 'run',
    sql: "SELECT getenv('HOME') AS home",
    refusal: /^Catalog Error: Scalar Function with name getenv does not exist!/,
  },
  {
    name: 'a target written from a file',
    via: 'writeTarget',
    sql: "SELECT content FROM read_text('{dir}/canary.txt')",
    refusal: NO_FILES,
    reveals: 'content',
  },
  {
    name: 'a file read by a script',
    via: 'execute',
    sql: "INSERT INTO notes SELECT 2, content FROM read_text('{dir}/canary.txt')",
    refusal: NO_FILES,
    reveals: 'content',
  },
  {
    name: 'COPY … TO a file',
    via: 'execute',
    sql: "COPY (SELECT * FROM notes) TO '{dir}/copied.csv'",
    refusal: NO_FILES_OR_OUTSIDE,
    creates: ['copied.csv'],
  },
  {
    name: 'COPY … TO a parquet file',
    via: 'execute',
    sql: "COPY notes TO '{dir}/copied.parquet' (FORMAT parquet)",
    refusal: NO_FILES_OR_OUTSIDE,
    creates: ['copied.parquet'],
  },
  {
    name: 'COPY … TO the warehouse temp directory',
    via: 'execute',
    sql: "COPY notes TO '{dir}/warehouse.duckdb.tmp/copied.csv'",
    refusal: NO_FILES_OR_OUTSIDE,
    creates: ['warehouse.duckdb.tmp/copied.csv'],
  },
  {
    name: 'COPY … FROM a file',
    via: 'execute',
    sql: "COPY notes FROM '{dir}/canary.csv'",
    refusal: NO_FILES_OR_OUTSIDE,
    reveals: 'content',
  },
  {
    name: 'EXPORT DATABASE',
    via: 'execute',
    sql: "EXPORT DATABASE '{dir}/export'",
    refusal: NO_FILES_OR_OUTSIDE,
    creates: ['export'],
  },
  {
    name: 'IMPORT DATABASE',
    via: 'execute',
    sql: "IMPORT DATABASE '{dir}/exported'",
    refusal: NO_FILES_OR_OUTSIDE,
    reveals: 'content',
  },
  {
    name: 'ATTACH of another database',
    via: 'execute',
    sql: "ATTACH '{dir}/other.duckdb' AS other; INSERT INTO notes SELECT * FROM other.leaked",
    refusal: NO_FILES_OR_OUTSIDE,
    reveals: 'content',
  },
  {
    name: 'ATTACH of a new database file',
    via: 'execute',
    sql: "ATTACH '{dir}/new.duckdb' AS created",
    refusal: NO_FILES_OR_OUTSIDE,
    creates: ['new.duckdb'],
  },
  {
    name: 'ATTACH in memory',
    via: 'execute',
    sql: "ATTACH ':memory:' AS scratch",
    refusal: OUTSIDE,
  },
  {
    name: 'INSTALL httpfs',
    via: 'execute',
    sql: 'INSTALL httpfs',
    refusal: OUTSIDE,
  },
  { name: 'LOAD httpfs', via: 'execute', sql: 'LOAD httpfs', refusal: OUTSIDE },
  changesSettings('SET enable_external_access = true'),
  changesSettings("SET allowed_directories = ['{dir}']"),
  changesSettings("SET allowed_paths = ['{dir}/canary.txt']"),
  changesSettings("SET disabled_filesystems = ''"),
  changesSettings('SET autoload_known_extensions = true'),
  changesSettings('SET autoinstall_known_extensions = true'),
  changesSettings('SET lock_configuration = false'),
  changesSettings("SET memory_limit = '8GB'"),
  changesSettings('SET threads = 8'),
  changesSettings('SET GLOBAL threads = 8'),
  changesSettings("SET max_temp_directory_size = '1TB'"),
  changesSettings("SET temp_directory = '{dir}/spill'"),
  changesSettings("SET log_query_path = '{dir}/queries.log'"),
  changesSettings('RESET enable_external_access'),
  changesSettings('RESET memory_limit'),
  changesSettings('RESET threads'),
  changesSettings('RESET lock_configuration'),
  changesSettings("PRAGMA memory_limit = '8GB'"),
  changesSettings('PRAGMA threads = 8'),
  changesSettings("PRAGMA enable_profiling = 'json'"),
  changesSettings("PRAGMA profiling_output = '{dir}/profile.json'"),
];

/** What an attempt would reveal in `dir`. */
function revealed(attempt: Attempt, dir: string, canary: string): string {
  return attempt.reveals === 'listing' ? path.join(dir, 'canary.txt') : canary;
}

/** A warehouse, canary files beside it and a sandboxed engine on it. */
function useSandbox(tempDir: () => string) {
  const canary = `canary-${randomUUID()}`;
  let engine: DuckDbEngine;

  beforeEach(async () => {
    const dir = tempDir();
    await writeCanaries(dir, canary);
    const warehouse = path.join(dir, 'warehouse.duckdb');
    await createTestWarehouse(warehouse, [
      'CREATE TABLE notes (id INTEGER, secret VARCHAR)',
      "INSERT INTO notes VALUES (1, 'not a secret')",
    ]);
    // DuckDB's spill folder, as it is once a query needed more than the
    // memory limit; the sandbox leaves it reachable.
    fs.mkdirSync(`${warehouse}.tmp`);
    engine = await DuckDbEngine.open(warehouse, LIMITS);
  });

  afterEach(() => engine.close());

  return { canary, engine: () => engine };
}

/** The same canary in every form a query could read. */
async function writeCanaries(dir: string, canary: string) {
  fs.writeFileSync(path.join(dir, 'canary.txt'), `${canary}\n`);
  fs.writeFileSync(path.join(dir, 'canary.csv'), `id,secret\n7,${canary}\n`);
  fs.writeFileSync(
    path.join(dir, 'canary.json'),
    JSON.stringify([{ id: 7, secret: canary }]),
  );
  // Written by a DuckDB of the test's own, which may use files.
  await withPlainDuckDb(path.join(dir, 'other.duckdb'), async connection => {
    await connection.run(
      `CREATE TABLE leaked AS SELECT 7 AS id, '${canary}' AS secret`,
    );
    await connection.run(
      `COPY leaked TO '${dir}/canary.parquet' (FORMAT parquet)`,
    );
    await connection.run(`EXPORT DATABASE '${dir}/exported'`);
  });
}

async function withPlainDuckDb<T>(
  file: string,
  work: (connection: DuckDBConnection) => Promise<T>,
): Promise<T> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  try {
    return await work(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** JSON that keeps DuckDB's bigints. */
function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    typeof v === 'bigint' ? String(v) : v,
  );
}

/** The rows of every table the connection sees, attached databases too. */
async function everyTable(connection: DuckDBConnection): Promise<string[]> {
  const tables = await connection.runAndReadAll(
    'SELECT table_catalog, table_schema, table_name FROM information_schema.tables',
  );
  const contents = [];
  for (const [catalog, schema, table] of tables.getRows() as string[][]) {
    const rows = await connection.runAndReadAll(
      `SELECT * FROM "${catalog}"."${schema}"."${table}"`,
    );
    contents.push(toJson(rows.getRows()));
  }
  return contents;
}

/** What the engine made of a statement: its result or its error. */
async function make(
  engine: DuckDbEngine,
  via: Via,
  sql: string,
): Promise<{ result?: unknown; error?: unknown }> {
  try {
    if (via === 'run')
      return { result: await engine.run(sql, { maxRows: 100 }) };
    if (via === 'execute') return { result: await engine.execute(sql) };
    return {
      result: await engine.writeTarget({
        table: 'stolen',
        sql,
        mode: 'overwrite',
      }),
    };
  } catch (error) {
    return { error };
  }
}

/** Every value in every table of the warehouse, as one text. */
async function everythingIn(engine: DuckDbEngine): Promise<string> {
  const tables = await engine.run(
    `SELECT table_schema, table_name FROM information_schema.tables
     WHERE table_catalog = current_database()`,
    { maxRows: 1000 },
  );
  const contents = [];
  for (const [schema, table] of tables.rows) {
    const rows = await engine.run(`SELECT * FROM "${schema}"."${table}"`, {
      maxRows: 1000,
    });
    contents.push(JSON.stringify(rows.rows));
  }
  return contents.join('\n');
}

async function settingsOf(engine: DuckDbEngine) {
  const names = Object.keys(SANDBOX_SETTINGS);
  const result = await engine.run(
    `SELECT name, value FROM duckdb_settings()
     WHERE name IN (${names.map(n => `'${n}'`).join(', ')})`,
    { maxRows: names.length },
  );
  return Object.fromEntries(result.rows as [string, string][]);
}

describe('DuckDbEngine sandbox', () => {
  const tempDir = useTempDir('meshwork-duckdb-sandbox-');
  const { canary, engine } = useSandbox(tempDir);

  it('runs with external access, extensions and settings changes off, and the limits set', async () => {
    await expect(settingsOf(engine())).resolves.toEqual(SANDBOX_SETTINGS);

    const current = await engine().run(
      `SELECT current_setting('enable_external_access') AS external_access,
         current_setting('lock_configuration') AS locked,
         current_setting('memory_limit') AS memory_limit,
         current_setting('threads') AS threads`,
      { maxRows: 1 },
    );
    expect(current.rows).toEqual([[false, true, '512.0 MiB', '1']]);
  });

  it.each(ATTEMPTS)('refuses $name', async attempt => {
    const dir = tempDir();
    const notesBefore = await engine().run('SELECT * FROM notes', {
      maxRows: 100,
    });

    const outcome = await make(
      engine(),
      attempt.via,
      attempt.sql.replaceAll('{dir}', dir),
    );

    expect(outcome).toEqual({ error: expect.any(QueryError) });
    const { message } = outcome.error as QueryError;
    expect(message).toMatch(attempt.refusal);
    expect(message).not.toContain(revealed(attempt, dir, canary));
    // The folder is the test's, but it stands for any path on the server.
    expect(message).not.toContain(dir);
    for (const file of attempt.creates ?? []) {
      expect(fs.existsSync(path.join(dir, file))).toBe(false);
    }
    expect(await everythingIn(engine())).not.toContain(canary);
    await expect(
      engine().run('SELECT * FROM notes', { maxRows: 100 }),
    ).resolves.toMatchObject({ rows: notesBefore.rows });
    await expect(settingsOf(engine())).resolves.toEqual(SANDBOX_SETTINGS);
  });

  it("refuses to write the database's own files, which DuckDB leaves reachable", async () => {
    const dir = tempDir();
    const warehouse = path.join(dir, 'warehouse.duckdb');
    await engine().execute("INSERT INTO notes VALUES (2, 'kept')");

    for (const target of [`${warehouse}.wal`, warehouse]) {
      await expect(
        engine().execute(`COPY (SELECT 'garbage') TO '${target}'`),
      ).rejects.toThrow(
        /^execute only changes tables: the statement is a COPY/,
      );
    }
    await engine().close();

    const reopened = await DuckDbEngine.open(warehouse, LIMITS);
    try {
      const notes = await reopened.run('SELECT secret FROM notes ORDER BY id', {
        maxRows: 10,
      });
      expect(notes.rows).toEqual([['not a secret'], ['kept']]);
    } finally {
      await reopened.close();
    }
  });

  it('bounds the memory of a query by the limit of the instance', async () => {
    // 200 million numbers in one list: 1.6 GB, and a list cannot spill.
    const hungry = engine().run(
      'SELECT list(range) AS numbers FROM range(200000000)',
      { maxRows: 1 },
    );
    await expect(hungry).rejects.toThrow(/^Out of Memory Error/);

    await expect(
      engine().run('SELECT 1 AS still_working', { maxRows: 1 }),
    ).resolves.toMatchObject({ rows: [[1]] });
  });

  it('keeps writing targets and scripts that stay inside the database', async () => {
    await expect(
      engine().execute(
        `CREATE SCHEMA gold;
         CREATE TABLE gold.totals AS SELECT count(*) AS n FROM notes`,
      ),
    ).resolves.toMatchObject({});
    await expect(
      engine().writeTarget({
        table: 'gold.ids',
        sql: 'SELECT id FROM notes',
        mode: 'overwrite',
      }),
    ).resolves.toMatchObject({ rowsWritten: 1 });
    await expect(engine().tableFreshness('gold.ids')).resolves.toEqual({
      lastModified: expect.any(Date),
    });
  });
});

describe('the sandbox without the engine', () => {
  const tempDir = useTempDir('meshwork-duckdb-sandbox-options-');
  const canary = `canary-${randomUUID()}`;

  it.each(ATTEMPTS.filter(attempt => attempt.reveals))(
    'lets $name reveal the canary when DuckDB is not sandboxed',
    async attempt => {
      const dir = tempDir();
      await writeCanaries(dir, canary);

      const seen = await withPlainDuckDb(':memory:', async connection => {
        await connection.run('CREATE TABLE notes (id INTEGER, secret VARCHAR)');
        const sql = attempt.sql.replaceAll('{dir}', dir);
        const reader = await connection.runAndReadAll(sql);
        return [
          toJson(reader.getRows()),
          ...(await everyTable(connection)),
        ].join('\n');
      });

      expect(seen).toContain(revealed(attempt, dir, canary));
    },
  );

  it("refuses the file statements the engine's execute never lets through", async () => {
    const dir = tempDir();
    await writeCanaries(dir, canary);
    const warehouse = path.join(dir, 'warehouse.duckdb');
    await createTestWarehouse(warehouse, [
      'CREATE TABLE notes (id INTEGER, secret VARCHAR)',
    ]);
    const instance = await DuckDBInstance.create(
      warehouse,
      sandboxedInstanceOptions(LIMITS),
    );
    const connection = await instance.connect();
    try {
      for (const sql of [
        `COPY notes TO '${dir}/copied.csv'`,
        `COPY notes FROM '${dir}/canary.csv'`,
        `EXPORT DATABASE '${dir}/export'`,
        `IMPORT DATABASE '${dir}/exported'`,
        `ATTACH '${dir}/other.duckdb' AS other`,
        'INSTALL httpfs',
        'LOAD httpfs',
      ]) {
        await expect(connection.run(sql)).rejects.toThrow(
          /^Permission Error: .*disabled (by|through) configuration/,
        );
      }
      expect(fs.existsSync(path.join(dir, 'copied.csv'))).toBe(false);
      expect(fs.existsSync(path.join(dir, 'export'))).toBe(false);
      const notes = await connection.runAndReadAll('SELECT * FROM notes');
      expect(notes.getRows()).toEqual([]);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});

describe('DuckDbEngine.open limits', () => {
  const tempDir = useTempDir('meshwork-duckdb-limits-');

  it.each([
    [{ memoryLimit: '80%' }, 'dataMesh.engines.duckdb.memoryLimit'],
    [{ memoryLimit: '-1' }, 'dataMesh.engines.duckdb.memoryLimit'],
    [{ memoryLimit: 'none' }, 'dataMesh.engines.duckdb.memoryLimit'],
    [{ memoryLimit: '100KB' }, 'dataMesh.engines.duckdb.memoryLimit'],
    [{ threads: 0 }, 'dataMesh.engines.duckdb.threads'],
    [{ threads: 1.5 }, 'dataMesh.engines.duckdb.threads'],
    [
      { maxTempDirectorySize: '90% of the disk' },
      'dataMesh.engines.duckdb.maxTempDirectorySize',
    ],
  ])('refuses %j naming %s', async (limits, key) => {
    const file = path.join(tempDir(), 'warehouse.duckdb');
    await createTestWarehouse(file, []);

    const opening = DuckDbEngine.open(file, limits);

    await expect(opening).rejects.toThrow(WarehouseConfigError);
    await expect(opening).rejects.toThrow(new RegExp(`^${key}: `));
  });
});
