/**
 * @jest-environment node
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
// The corpus and its golden file belong to the compiler's tests; this
// test checks that the CLI reports the same.
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import {
  brokenProjectCorpus,
  helloWorldSources,
  NormalDiagnostic,
  readSameDiagnosticsGolden,
  withoutCode,
} from '@meshwork/data-mesh-common/src/projectCompiler/__testUtils__/sameDiagnostics';
import { main } from './main';

/**
 * `meshwork validate` must report a broken project as the compiler does in
 * the editor and the preview API: each project of the corpus, written to a
 * folder, gives the diagnostics of the golden file (which the compiler's
 * browser test keeps, see `sameDiagnostics.browser.test.ts` in
 * data-mesh-common).
 */

/** `<file>:<line>:<column>: <severity>: <message>[ (<field path>)]` */
const LINE = /^(.*?):(\d+):(\d+): (error|warning|info): (.*)$/;
/** A field path as `formatDataPath` writes it, at the end of a message. */
const FIELD_PATH =
  / \(((?:[A-Za-z_$][\w$]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])(?:\.[A-Za-z_$][\w$]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])*)\)$/;

/** One line of `meshwork validate`'s stderr, with the path relative to the project. */
function parseLine(line: string, project: string): NormalDiagnostic {
  const match = LINE.exec(line);
  if (!match) throw new Error(`not a diagnostic: ${line}`);
  const [, file, lineNo, column, severity, text] = match;
  const path = FIELD_PATH.exec(text);
  return {
    file: file.startsWith(`${project}/`)
      ? file.slice(project.length + 1)
      : file,
    line: Number(lineNo),
    column: Number(column),
    severity: severity as NormalDiagnostic['severity'],
    message: path ? text.slice(0, path.index) : text,
    ...(path && { path: path[1] }),
  };
}

describe('meshwork validate on the broken projects of the same-diagnostics corpus', () => {
  const sources = helloWorldSources();
  const corpus = brokenProjectCorpus(sources);
  const golden = readSameDiagnosticsGolden();
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'meshwork-same-diagnostics-'));
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('has a golden entry for every project of the corpus', () => {
    expect(golden.map(c => c.name)).toEqual(corpus.map(c => c.name));
  });

  it.each(corpus.map((broken, i) => [broken.name, i] as const))(
    '%s',
    async (_name, i) => {
      const project = join(folder, String(i));
      for (const file of corpus[i].files) {
        const full = join(project, ...file.path.split('/'));
        await mkdir(dirname(full), { recursive: true });
        await writeFile(full, file.text);
      }
      let stderr = '';
      const code = await main(['validate', project], {
        stdout: { write: () => true },
        stderr: { write: (text: string) => (stderr += text) },
      });
      const reported = stderr
        .split('\n')
        .filter(Boolean)
        .map(line => parseLine(line, project));
      const expected = golden[i].diagnostics;
      expect(reported).toEqual(expected.map(withoutCode));
      expect(code).toBe(expected.some(d => d.severity === 'error') ? 1 : 0);
    },
  );
});
