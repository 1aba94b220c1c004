/**
 * The embedded DuckDB warehouse engine for the Meshwork data-mesh plugin.
 *
 * @packageDocumentation
 */

export { dataMeshModuleDuckdb as default } from './module';
export { DuckDbEngine } from './DuckDbEngine';
export type { DuckDbLimits } from './sandbox';
