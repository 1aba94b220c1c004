/**
 * Node.js library for Meshwork: extension points and services for backend
 * modules (warehouse engines), the data project permission rules, and
 * reading a data project's files from a local folder or through the
 * `UrlReaderService`.
 *
 * The demo warehouse (which needs native DuckDB) is a separate entry point,
 * `@meshwork/data-mesh-node/demo`, so that engine modules and the backend
 * never load DuckDB by importing this one.
 *
 * @packageDocumentation
 */

export * from './engines';
export * from './permissions';
export * from './pipelineTests';
export * from './projects';
export * from './standards';
export * from './subscriptions';
