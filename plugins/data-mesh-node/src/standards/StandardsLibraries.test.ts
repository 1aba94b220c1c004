import { mockServices } from '@backstage/backend-test-utils';
import { loadProject } from '@meshwork/data-mesh-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StandardsLibraries } from './StandardsLibraries';

const REPOSITORY_STANDARDS = path.resolve(
  __dirname,
  '../../../../templates/standards',
);

const meshwork = (standardsVersion?: string) => ({
  path: 'meshwork.yaml',
  text: `formatVersion: 1
name: p
owner: group:default/team
domain: sales
${standardsVersion ? `standardsVersion: "${standardsVersion}"\n` : ''}engine:
  defaultDialect: spark
  targets:
    dev:
      catalog: dev
      schema: p
`,
});

describe('StandardsLibraries', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'standards-'));
    fs.cpSync(
      path.join(REPOSITORY_STANDARDS, '2026.1'),
      path.join(root, '2026.1'),
      {
        recursive: true,
      },
    );
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('gives the version a project pins, read once', async () => {
    const libraries = new StandardsLibraries({ root });
    const first = await libraries.compileOptions([meshwork('2026.1')]);
    expect(first.knownStandardsVersions).toEqual(['2026.1']);
    expect(first.standards?.version).toBe('2026.1');
    expect(first.standards?.rules.CommonSalesClassification).toBeDefined();

    // Versions are immutable: a change on disk is not read again.
    fs.rmSync(path.join(root, '2026.1', 'rules'), { recursive: true });
    const again = await libraries.compileOptions([meshwork('2026.1')]);
    expect(again.standards).toBe(first.standards);

    const files = await libraries.versionFiles([meshwork('2026.1')]);
    expect(files?.version).toBe('2026.1');
    expect(files?.files.map(f => f.path)).toContain('standards.yaml');
  });

  it('finds a version added while it runs, and reports one that does not exist', async () => {
    const libraries = new StandardsLibraries({ root });
    const missing = await libraries.compileOptions([meshwork('2026.2')]);
    expect(missing).toEqual({ knownStandardsVersions: ['2026.1'] });
    expect(
      loadProject([meshwork('2026.2')], missing).diagnostics.map(
        d => d.message,
      ),
    ).toContain('no standards version "2026.2"; known versions: 2026.1');
    expect(await libraries.versionFiles([meshwork('2026.2')])).toBeUndefined();

    fs.cpSync(
      path.join(REPOSITORY_STANDARDS, '2026.2'),
      path.join(root, '2026.2'),
      { recursive: true },
    );
    const added = await libraries.compileOptions([meshwork('2026.2')]);
    expect(added.knownStandardsVersions).toEqual(['2026.1', '2026.2']);
    expect(added.standards?.version).toBe('2026.2');
  });

  it('gives nothing to a project that pins no version, or without a root', async () => {
    expect(
      await new StandardsLibraries({ root }).compileOptions([meshwork()]),
    ).toEqual({});
    expect(
      await new StandardsLibraries({ root: undefined }).compileOptions([
        meshwork('2026.1'),
      ]),
    ).toEqual({});
  });

  it('leaves out a version whose files have errors, and logs them', async () => {
    fs.writeFileSync(
      path.join(root, '2026.1', 'standards.yaml'),
      'formatVersion: 1\nversion: "2026.1"\nfunctions: 7\n',
    );
    const logger = mockServices.logger.mock();
    const libraries = new StandardsLibraries({ root, logger });
    const options = await libraries.compileOptions([meshwork('2026.1')]);
    expect(options).toEqual({ knownStandardsVersions: ['2026.1'] });
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining('Standards 2026.1'),
    );
  });

  it('reads dataMesh.standards.root from config', async () => {
    const libraries = StandardsLibraries.fromConfig(
      mockServices.rootConfig({
        data: { dataMesh: { standards: { root } } },
      }),
      mockServices.logger.mock(),
    );
    fs.rmSync(path.join(root, '2026.1'), { recursive: true });
    expect(await libraries.compileOptions([meshwork('2026.1')])).toEqual({
      knownStandardsVersions: [],
    });
  });
});
