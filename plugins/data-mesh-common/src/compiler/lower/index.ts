/**
 * Lowering: rewriting a pipeline into primitive gems before code
 * generation, so that every generator (SQL, PySpark) writes the same few.
 */
export type { LoweredPipeline, LowerOptions } from './lowerPipeline';
export { lowerPipeline } from './lowerPipeline';
