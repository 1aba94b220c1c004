/*
 * The module runs SQL on Databricks only; native DuckDB (which its tests use
 * for the fake warehouse) must never load with it in a backend, not even
 * through `@meshwork/data-mesh-node`.
 */
describe('the package entry point', () => {
  it('loads without DuckDB', () => {
    jest.isolateModules(() => {
      jest.doMock('@duckdb/node-api', () => {
        throw new Error('the Databricks module loaded @duckdb/node-api');
      });
      expect(() => require('./index')).not.toThrow();
    });
  });
});
