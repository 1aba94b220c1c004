/**
 * @jest-environment @backstage/cli/config/jest-environment-jsdom
 */
// The jsdom environment Backstage runs frontend tests in; `jsdom` alone
// would need the `jest-environment-jsdom` package, which Jest 30 no longer
// ships and the repository does not install. Under it `@polyglot-sql/sdk`
// resolves to its browser build, and `fetch` is the only way in.
import fs from 'fs';
import http from 'http';
import type { AddressInfo } from 'net';
import { initSqlParser, isSqlParserReady } from '../compiler/sqlGem';
import { compileProject } from './compileProject';
import {
  brokenProjectCorpus,
  helloWorldSources,
} from './__testUtils__/brokenProjects';
import {
  normalDiagnostic,
  readSameDiagnosticsGolden,
  SAME_DIAGNOSTICS_GOLDEN,
  SameDiagnosticsCase,
} from './__testUtils__/sameDiagnostics';

/**
 * The same broken project must give the same diagnostics in the browser
 * as in `meshwork validate` and `POST /preview`: this is the browser's
 * side, and the golden file all three compare against. `UPDATE_GOLDEN=1`
 * rewrites the golden file from what the compiler reports here.
 */
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/**
 * Serves the parser's WebAssembly over HTTP, as the portal serves the
 * asset its bundler emits, so that the parser loads the way it does in a
 * browser: `fetch` and `WebAssembly.instantiateStreaming`.
 */
async function serveWasm() {
  const wasm = require.resolve('@polyglot-sql/sdk/polyglot_sql.wasm');
  let requests = 0;
  const server = http.createServer((_req, res) => {
    requests++;
    res.writeHead(200, { 'Content-Type': 'application/wasm' });
    fs.createReadStream(wasm).pipe(res);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/polyglot_sql.wasm`,
    requests: () => requests,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

/** The file system functions a compiler that reads files would call. */
function watchFileSystem() {
  const names = [
    'readFileSync',
    'readFile',
    'readdirSync',
    'readdir',
    'openSync',
    'open',
    'statSync',
    'stat',
    'existsSync',
    'createReadStream',
  ] as const;
  const spies = [
    ...names.map(name => jest.spyOn(fs, name)),
    jest.spyOn(fs.promises, 'readFile'),
    jest.spyOn(fs.promises, 'open'),
  ];
  return {
    calls: () => spies.reduce((sum, spy) => sum + spy.mock.calls.length, 0),
    restore: () => spies.forEach(spy => spy.mockRestore()),
  };
}

describe('the same diagnostics, in a browser', () => {
  // Read before the file system is watched: a browser gets its files from the editor.
  const sources = helloWorldSources();
  const corpus = brokenProjectCorpus(sources);
  let server: Awaited<ReturnType<typeof serveWasm>>;

  beforeAll(async () => {
    server = await serveWasm();
    // The browser build needs the WebAssembly's URL: the bundler's
    // default build finds it through `import.meta.url` and a top-level
    // `await`, which only an ES module loader (a browser, a bundler) runs.
    await initSqlParser(async () => {
      const sdk = await import('@polyglot-sql/sdk/manual');
      return { ...sdk, init: () => sdk.init({ wasmUrl: server.url }) };
    });
  });

  afterAll(() => server?.close());

  it('runs in jsdom, with the SQL parser loaded from its URL', () => {
    expect(typeof window).toBe('object');
    expect(typeof document.createElement).toBe('function');
    expect(isSqlParserReady()).toBe(true);
    expect(server.requests()).toBe(1);
  });

  it('reports what the golden file says for every broken project, reading no file', () => {
    const watched = watchFileSystem();
    let actual: SameDiagnosticsCase[];
    try {
      actual = corpus.map(broken => ({
        name: broken.name,
        diagnostics: compileProject(broken.files).diagnostics.map(
          normalDiagnostic,
        ),
      }));
      expect(watched.calls()).toBe(0);
    } finally {
      watched.restore();
    }
    // Some mutations are harmless (a type widened, an unused column
    // removed): those projects must compile cleanly everywhere. Most break.
    const broken = actual.filter(c =>
      c.diagnostics.some(d => d.severity === 'error'),
    );
    expect(broken.length).toBeGreaterThan(corpus.length * 0.75);
    if (UPDATE) {
      fs.writeFileSync(
        SAME_DIAGNOSTICS_GOLDEN,
        `${JSON.stringify(actual, null, 2)}\n`,
      );
    }
    expect(actual).toEqual(readSameDiagnosticsGolden());
  });
});
