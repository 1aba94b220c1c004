/**
 * The embedded DuckDB warehouse engine for the Meshwork data-mesh plugin.
 *
 * @packageDocumentation
 */

export { dataMeshModuleDuckdb as default } from './module';
export { DuckDbEngine } from './DuckDbEngine';
export { WarehouseConfigError } from './WarehouseConfigError';
export { DEFAULT_DUCKDB_LIMITS } from './sandbox';
export type { DuckDbLimits } from './sandbox';
