/**
 * Test utilities for Meshwork's backend packages: the corpus of injection
 * attempts every surface that runs a user's pipeline must refuse.
 *
 * @packageDocumentation
 */
export * from './injectionCorpus';
