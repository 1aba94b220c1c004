import type * as PolyglotSdk from '@polyglot-sql/sdk';

/**
 * The module of the SQL parser that checks SQL gems, `@polyglot-sql/sdk`.
 *
 * @public
 */
export type SqlParserModule = typeof PolyglotSdk;

/** The parser's module, once loaded. */
export type SqlParser = SqlParserModule;

let parser: SqlParser | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads the SQL parser that checks SQL gems (polyglot-sql, a WebAssembly
 * build of about 22 MB that takes some 300 ms to start). The compiler is
 * synchronous, so this must be awaited once before pipelines with SQL gems
 * are compiled; until then every SQL gem is refused with a diagnostic
 * rather than passed on unchecked. Safe to call many times: later calls
 * return the first call's promise, and a failed load can be retried.
 *
 * The module is imported dynamically so that a browser bundle can put the
 * WebAssembly in a chunk of its own, loaded only when needed. Where dynamic
 * `import()` is not available (Jest runs the tests of Node packages
 * without it), `load` can provide the module instead, e.g.
 * `initSqlParser(async () => require('@polyglot-sql/sdk'))`.
 *
 * @public
 */
export function initSqlParser(
  load: () => Promise<SqlParserModule> = () => import('@polyglot-sql/sdk'),
): Promise<void> {
  loading ??= (async () => {
    const sdk = await load();
    await sdk.init();
    parser = sdk;
  })().catch(error => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/**
 * Whether {@link initSqlParser} has finished, so that SQL gems can be checked.
 *
 * @public
 */
export function isSqlParserReady(): boolean {
  return parser !== undefined;
}

/** The loaded parser, or undefined before {@link initSqlParser} has finished. */
export function loadedSqlParser(): SqlParser | undefined {
  return parser;
}
