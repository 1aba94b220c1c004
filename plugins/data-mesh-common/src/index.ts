/**
 * Types, schemas and pure logic shared by Meshwork's frontend and backend:
 * the DataProduct kind, the expression language, the project file format,
 * the pipeline and project compilers, and the project manifest.
 *
 * @packageDocumentation
 */

export * from './entity';
export * from './expression';
export * from './dialect';
export * from './bundle';
export * from './project';
export * from './compiler';
export * from './projectCompiler';
export * from './standards';
export * from './manifest';
export * from './quality';
export * from './permissions';
export * from './odcs';
export * from './lineage';
export * from './contractDiff';
