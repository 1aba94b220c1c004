import { initSqlParser } from '@meshwork/data-mesh-common';

// The compiler checks SQL gems with a parser that loads asynchronously,
// while compiling is synchronous: load it before the tests. Jest runs
// without native dynamic import(), so the parser's module is required.
beforeAll(() => initSqlParser(async () => require('@polyglot-sql/sdk')));
