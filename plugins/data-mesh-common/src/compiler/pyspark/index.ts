/**
 * PySpark code generation: a pipeline as a Databricks `spark_python_task`
 * entry point, one DataFrame variable per gem, with the expressions the
 * SQL generator writes for Spark.
 */
export type { GeneratePySparkOptions, GeneratedPySpark } from './generate';
export { generatePySpark } from './generate';
