import { initSqlParser } from '@meshwork/data-mesh-common';

// Previews and job runs compile pipelines, checking SQL gems with a
// WebAssembly parser that loads asynchronously: load it before the tests.
// Jest runs this package's tests without native dynamic import(), so the
// parser's module is required rather than imported.
beforeAll(() => initSqlParser(async () => require('@polyglot-sql/sdk')));
