import fs from 'node:fs';
import path from 'node:path';
import { checkDraft } from './draftCheck';
import { editorStandardsLibrary, standardsSubgraph } from './editorStandards';
import { generatePipelineCode } from './codeView/generatedCode';
import { repositoryStandardsSource } from './__testUtils__/repositoryStandards';

const HELLO_WORLD = path.resolve(
  __dirname,
  '../../../../../examples/hello-world',
);
const PATH = 'pipelines/CustomerAccounts.pipeline.yaml';

/** Hello World's source files (it pins standards 2026.1). */
function helloWorldFiles() {
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? walk(full) : [full];
    });
  return walk(HELLO_WORLD)
    .map(full => path.relative(HELLO_WORLD, full).split(path.sep).join('/'))
    .filter(p => /\.(yaml)$/.test(p) && !p.startsWith('generated/'))
    .map(p => ({
      path: p,
      text: fs.readFileSync(path.join(HELLO_WORLD, p), 'utf8'),
    }));
}

/** CustomerAccounts on the library's rule, calling one of its functions. */
function onStandards(text: string) {
  return text
    .replace(
      'rule: CommonSalesClassification',
      'rule: standards/CommonSalesClassification',
    )
    .replace(
      'expression: c.customer_name',
      'expression: normalize_email(c.customer_name)',
    );
}

describe('checkDraft with the standards library', () => {
  const files = helloWorldFiles();
  const text = onStandards(files.find(f => f.path === PATH)!.text);
  const standards = editorStandardsLibrary(repositoryStandardsSource('2026.1'));

  it('finds no problem in a pipeline using the library, and offers its names', () => {
    expect(standards?.version).toBe('2026.1');
    const check = checkDraft(files, PATH, text, { standards });
    expect(check.diagnostics).toEqual([]);
    expect(
      check.names.rules.get('standards/CommonSalesClassification'),
    ).toEqual(['business_size', 'sector', 'geography', 'region']);
    expect(check.names.subgraphs).toContain(
      'standards/quarantine_invalid_rows',
    );
    expect(check.names.functions?.lookup('normalize_email')).toBeDefined();
  });

  it('reports the library’s rule and function as unknown without it', () => {
    const messages = (draft: string) =>
      checkDraft(files, PATH, draft)
        .diagnostics.map(d => d.message)
        .join('\n');
    expect(messages(text)).toContain(
      'no rule "standards/CommonSalesClassification"',
    );
    // With the project's own rule, the call is what is wrong.
    const callOnly = text.replace(
      'rule: standards/CommonSalesClassification',
      'rule: CommonSalesClassification',
    );
    expect(messages(callOnly)).toMatch(/normalize_email/);
    expect(
      checkDraft(files, PATH, callOnly, { standards }).diagnostics,
    ).toEqual([]);
  });

  it('loads each version once, and finds the library’s subgraphs by their names', () => {
    expect(editorStandardsLibrary(repositoryStandardsSource('2026.1'))).toBe(
      standards,
    );
    expect(editorStandardsLibrary(undefined)).toBeUndefined();
    expect(
      standardsSubgraph(standards, 'standards/quarantine_invalid_rows')?.name,
    ).toBe('quarantine_invalid_rows');
    expect(
      standardsSubgraph(standards, 'quarantine_invalid_rows'),
    ).toBeUndefined();
  });

  it('generates the code with the library’s function inlined', () => {
    const code = generatePipelineCode({
      projectFiles: files,
      path: PATH,
      pipeline: 'CustomerAccounts',
      text,
      standards,
    });
    expect(code.get('generated/sql/CustomerAccounts.sql')).toContain(
      'lower(trim(c.customer_name)) AS customer_name',
    );
  });
});
