/**
 * Types, schemas and pure logic shared by Meshwork's frontend and backend:
 * the DataProduct kind, and (later) the pipeline model and compiler.
 *
 * @packageDocumentation
 */

export * from './entity';
export * from './expression';
