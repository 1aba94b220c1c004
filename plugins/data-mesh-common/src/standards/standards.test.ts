import { compileProject, loadProject } from '../projectCompiler';
import { helloWorldSources } from '../projectCompiler/__testUtils__/brokenProjects';
import { loadStandardsLibrary } from './loadStandardsLibrary';
import {
  repositoryStandards,
  standardsFiles,
} from './__testUtils__/standardsFiles';
import { standardsProject } from './__testUtils__/standardsProject';

const v1 = repositoryStandards('2026.1');
const v2 = repositoryStandards('2026.2');

function errors(diagnostics: readonly { severity: string }[]) {
  return diagnostics.filter(d => d.severity === 'error');
}

function sqlOf(files: readonly { path: string; content: string }[]) {
  return files.find(f => f.path === 'generated/sql/CleanCustomers.sql')
    ?.content;
}

describe('the repository standards library', () => {
  it.each(['2026.1', '2026.2'])(
    'loads version %s without problems',
    version => {
      const { library, diagnostics } = loadStandardsLibrary(
        version,
        standardsFiles(version),
      );
      expect(diagnostics).toEqual([]);
      expect(library?.functions.map(f => f.name)).toEqual([
        'normalize_email',
        'fiscal_quarter',
      ]);
      expect(Object.keys(library!.rules)).toEqual([
        'CommonSalesClassification',
      ]);
      expect(Object.keys(library!.subgraphs).sort()).toEqual([
        'notify_on_rows',
        'quarantine_invalid_rows',
      ]);
      expect(library!.catalogue.lookup('normalize_email')).toBeDefined();
    },
  );
});

describe('loadStandardsLibrary', () => {
  const withStandards = (text: string) =>
    standardsFiles('2026.1').map(f =>
      f.path === 'standards.yaml' ? { ...f, text } : f,
    );
  const standardsText = standardsFiles('2026.1').find(
    f => f.path === 'standards.yaml',
  )!.text;

  it('rejects a function whose body does not have the declared type', () => {
    const { library, diagnostics } = loadStandardsLibrary(
      '2026.1',
      withStandards(
        standardsText.replace(
          'body: lower(trim(email))',
          'body: length(email)',
        ),
      ),
    );
    expect(library).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: 'standards.yaml',
        path: 'functions[0].body',
        code: 'invalid-type',
        message: expect.stringContaining(
          'the body of normalize_email is int, but the function returns string',
        ),
      }),
    ]);
  });

  it('rejects a function named like a built-in one, and a body reading an unknown name', () => {
    const { diagnostics } = loadStandardsLibrary(
      '2026.1',
      withStandards(
        standardsText
          .replace('name: normalize_email', 'name: lower')
          .replace(
            'CAST(quarter(d) AS STRING)',
            'CAST(quarter(day) AS STRING)',
          ),
      ),
    );
    expect(diagnostics.map(d => [d.path, d.code])).toEqual([
      ['functions[0].name', 'duplicate-name'],
      ['functions[1].body', 'invalid-expression'],
    ]);
  });

  it('rejects a folder whose standards.yaml declares another version', () => {
    const { library, diagnostics } = loadStandardsLibrary(
      '2026.2',
      standardsFiles('2026.1'),
    );
    expect(library).toBeUndefined();
    expect(diagnostics[0].message).toBe(
      'the library in this folder is version "2026.1", not "2026.2"',
    );
  });

  it('rejects a folder without standards.yaml', () => {
    const { diagnostics } = loadStandardsLibrary(
      '2026.1',
      standardsFiles('2026.1').filter(f => f.path !== 'standards.yaml'),
    );
    expect(diagnostics.map(d => d.code)).toEqual(['missing-file']);
  });

  it('rejects a library subgraph that names a rule outside the library', () => {
    const files = standardsFiles('2026.1').map(f =>
      f.path === 'subgraphs/quarantine_invalid_rows.subgraph.yaml'
        ? {
            ...f,
            text: f.text.replace(
              `  - id: keep_valid
    type: Filter
    position: { x: 240, y: 0 }
    config:
      condition: is_valid`,
              `  - id: keep_valid
    type: BusinessRule
    position: { x: 240, y: 0 }
    config:
      rule: CommonSalesClassification
      outputColumn: segment
      bindings: {}`,
            ),
          }
        : f,
    );
    const { diagnostics } = loadStandardsLibrary('2026.1', files);
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'unknown-reference',
        path: 'nodes[0].config.rule',
      }),
    );
  });
});

describe('a project on the standards library', () => {
  it('reports a standardsVersion that does not exist, listing the known ones', () => {
    const loaded = loadProject(standardsProject('2025.9'), {
      knownStandardsVersions: ['2026.1', '2026.2'],
    });
    expect(loaded.diagnostics).toContainEqual(
      expect.objectContaining({
        file: 'meshwork.yaml',
        line: 5,
        path: 'standardsVersion',
        code: 'unknown-reference',
        message:
          'no standards version "2025.9"; known versions: 2026.1, 2026.2',
      }),
    );
    expect(loaded.standards).toBeUndefined();
  });

  it('does not use a library of another version than the pinned one', () => {
    const loaded = loadProject(standardsProject('2026.1'), { standards: v2 });
    expect(loaded.standards).toBeUndefined();
    expect(loaded.diagnostics).toContainEqual(
      expect.objectContaining({
        file: 'meshwork.yaml',
        message:
          'the project pins standards "2026.1", but standards "2026.2" were loaded',
      }),
    );
  });

  it('reports standards references as unknown when no library is loaded', () => {
    const loaded = loadProject(standardsProject(undefined));
    expect(loaded.diagnostics.map(d => [d.path, d.message])).toEqual([
      [
        'nodes[1].config.rule',
        'no rule "standards/CommonSalesClassification" in the project',
      ],
      [
        'nodes[3].config.subgraph',
        'no subgraph "standards/quarantine_invalid_rows" in the project',
      ],
    ]);
  });

  it('compiles functions, rules, subgraphs and mask templates of the library into the code', () => {
    const compiled = compileProject(standardsProject('2026.1'), {
      standards: v1,
    });
    expect(errors(compiled.diagnostics)).toEqual([]);
    const sql = sqlOf(compiled.files)!;
    // Functions are inlined: no back end sees a call to one.
    expect(sql).not.toMatch(/normalize_email|fiscal_quarter/);
    expect(sql).toContain('lower(trim(email))');
    expect(sql).toContain("concat('FY', CAST(year(signup_date) AS STRING)");
    expect(sql).toContain("WHEN sector IN ('Public Sector', 'Education')");
    expect(sql).toContain("'no e-mail address' AS reason");
    expect(sql).toContain('sha2(CAST(email AS STRING), 256) AS email');
    const python = compiled.files.find(
      f => f.path === 'generated/python/CleanCustomers.py',
    )!.content;
    expect(python).toContain('lower(trim(email))');
    // Lineage traces through the inlined function to the source column.
    const quarter = compiled.lineage.datasets
      .find(d => d.dataset === 'customers')
      ?.columns.find(c => c.column === 'signup_quarter');
    expect(JSON.stringify(quarter)).toContain('signup_date');
  });

  it('type checks calls of library functions, at the argument', () => {
    const files = standardsProject('2026.1').map(f =>
      f.path === 'pipelines/CleanCustomers.pipeline.yaml'
        ? {
            ...f,
            text: f.text.replace(
              'expression: fiscal_quarter(signup_date)',
              'expression: fiscal_quarter(customer_id > 0)',
            ),
          }
        : f,
    );
    const compiled = compileProject(files, { standards: v1 });
    const found = errors(compiled.diagnostics);
    expect(found).toEqual([
      expect.objectContaining({
        file: 'pipelines/CleanCustomers.pipeline.yaml',
        code: 'invalid-expression',
        path: 'nodes[2].config.columns[2].expression',
        line: 30,
        column: 38,
        message:
          'node "cleaned": argument `d` of fiscal_quarter must be a date but is boolean',
      }),
    ]);
  });

  it('keeps a project rule and the library rule of the same name apart', () => {
    const own = standardsProject('2026.1')
      .find(f => f.path === 'pipelines/CleanCustomers.pipeline.yaml')!
      .text.replace(
        'rule: standards/CommonSalesClassification',
        'rule: CommonSalesClassification',
      );
    const files = standardsProject('2026.1', {
      'pipelines/CleanCustomers.pipeline.yaml': own,
      'rules/CommonSalesClassification.rule.yaml': `formatVersion: 1
name: CommonSalesClassification
inputs:
  - name: business_size
    type: string
  - name: sector
    type: string
  - name: geography
    type: string
  - name: region
    type: string
outputType: string
cases:
  - when: sector = 'Retail'
    then: Shops
default: Other
`,
    });
    const compiled = compileProject(files, { standards: v1 });
    expect(errors(compiled.diagnostics)).toEqual([]);
    const sql = sqlOf(compiled.files)!;
    expect(sql).toContain("WHEN sector = 'Retail' THEN 'Shops'");
    expect(sql).not.toContain('Public Sector');
  });

  it('changes the generated code where 2026.2 changed the library', () => {
    const before = sqlOf(
      compileProject(standardsProject('2026.1'), { standards: v1 }).files,
    )!.split('\n');
    const after = sqlOf(
      compileProject(standardsProject('2026.2'), { standards: v2 }).files,
    )!.split('\n');
    const removed = before.filter(line => !after.includes(line));
    const added = after.filter(line => !before.includes(line));
    expect(removed.join('\n')).toMatch(/lower\(trim\(email\)\) AS email/);
    expect(added.join('\n')).toMatch(
      /nullif\(lower\(trim\(email\)\), ''\) AS email/,
    );
    expect(added.join('\n')).toContain("'Education', 'Healthcare'");
    expect(added.join('\n')).toContain(
      "sha2(concat('meshwork:', CAST(email AS STRING)), 256)",
    );
  });
});

describe('Hello World on standards 2026.1', () => {
  it('compiles to the same files as without the library', () => {
    const files = helloWorldSources();
    const plain = compileProject(files);
    const pinned = compileProject(files, {
      standards: v1,
      knownStandardsVersions: ['2026.1', '2026.2'],
    });
    expect(pinned.project.standards?.version).toBe('2026.1');
    expect(pinned.diagnostics).toEqual(plain.diagnostics);
    expect(pinned.files).toEqual(plain.files);
  });
});
