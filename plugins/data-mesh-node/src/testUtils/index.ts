/**
 * Test utilities for Meshwork's backend packages: the corpus of injection
 * attempts every surface that runs a user's pipeline must refuse, and a
 * fake of the GitHub REST API that projects on GitHub are committed to.
 *
 * @packageDocumentation
 */
export * from './injectionCorpus';
export * from './fakeGithubApi';
