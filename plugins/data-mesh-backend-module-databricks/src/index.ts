/**
 * The Databricks backend module for the Meshwork data-mesh plugin: a
 * Databricks SQL warehouse engine, and deployment and runs of the generated
 * jobs through the Jobs API 2.2.
 *
 * The module (the default export) is what a backend adds. The Jobs API
 * client, deploy and run are exported for scripts that deploy or run a
 * project's bundle jobs without the portal; the engine, the job executor and
 * the config readers are the module's own.
 *
 * @packageDocumentation
 */

export { dataMeshModuleDatabricks as default } from './module';
export * from './jobs';
