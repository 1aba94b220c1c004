/**
 * The Databricks backend module for the Meshwork data-mesh plugin: a
 * Databricks SQL warehouse engine, and deployment and runs of the generated
 * jobs through the Jobs API 2.2.
 *
 * @packageDocumentation
 */

export * from './jobs';
export {
  dataMeshModuleDatabricks as default,
  DatabricksConfigError,
  readDatabricksConfig,
  readDatabricksJobsConfig,
} from './module';
export type { DatabricksJobsConfig } from './module';
export * from './jobExecutor';
export { DatabricksSqlEngine } from './DatabricksSqlEngine';
export type { DatabricksSqlEngineOptions } from './DatabricksSqlEngine';
