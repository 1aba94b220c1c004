/*
 * Backend modules and the backend import the main entry point; only the
 * demo warehouse and the CLI run DuckDB. Loading the native DuckDB binding
 * in a process that never queries it costs memory and start-up time, and
 * ties every module to a platform build of it, so the main entry point must
 * not load it, not even through another module.
 */
function loadWithoutDuckDb(entryPoint: string) {
  jest.isolateModules(() => {
    jest.doMock('@duckdb/node-api', () => {
      throw new Error(`${entryPoint} loaded @duckdb/node-api`);
    });
    require(entryPoint);
  });
}

describe('entry points', () => {
  it('the main entry point loads without DuckDB', () => {
    expect(() => loadWithoutDuckDb('./index')).not.toThrow();
  });

  it('the test utilities load without DuckDB', () => {
    expect(() => loadWithoutDuckDb('./testUtils')).not.toThrow();
  });

  it('the demo entry point is where DuckDB is loaded', () => {
    // Proves the check above would notice DuckDB being loaded.
    expect(() => loadWithoutDuckDb('./demo')).toThrow(
      './demo loaded @duckdb/node-api',
    );
  });
});
