/**
 * Node.js library for Meshwork: extension points and services for backend
 * modules (warehouse engines), the demo warehouse and the `meshwork` CLI.
 *
 * @packageDocumentation
 */

export * from './engines';
export * from './demo';
export * from './permissions';
export { readProjectFolder } from './cli/project/projectFolder';
