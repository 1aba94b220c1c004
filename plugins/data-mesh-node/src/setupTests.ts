import { initSqlParser } from '@meshwork/data-mesh-common';

// The compiler checks SQL gems with a WebAssembly parser that loads
// asynchronously, while compiling is synchronous: load it before the tests.
// Jest runs this package's tests without native dynamic import(), so the
// parser's module is required rather than imported.
beforeAll(() => initSqlParser(async () => require('@polyglot-sql/sdk')));
