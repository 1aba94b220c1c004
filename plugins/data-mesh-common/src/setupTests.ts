import { initSqlParser } from './compiler/sqlGem';

// The compiler checks SQL gems with a WebAssembly parser that loads
// asynchronously, while compiling is synchronous: load it before the tests
// of each file. Under jsdom the parser's package resolves to its browser
// build, which Jest cannot load, so tests that compile SQL gems say
// `@jest-environment node` (as those using the parser directly already do).
if (typeof window === 'undefined') {
  beforeAll(() => initSqlParser());
}
