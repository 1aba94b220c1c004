import { loadProject } from '@meshwork/data-mesh-common';
import {
  readProjectFolder,
  runPipelineTests,
  StandardsLibraries,
} from '@meshwork/data-mesh-node';
import path from 'node:path';
import { projectChanges } from '../projectChanges';

/** The repository's platform standards library, as the portal reads it. */
export const testStandards = new StandardsLibraries({
  root: path.resolve(__dirname, '../../../../../templates/standards'),
});

/**
 * What `meshwork validate` and `meshwork compile --check` check, on a
 * project folder: no problem at all, and every generated file (code,
 * bundle, manifest) as the compiler makes it, none missing or extra.
 */
export async function expectUpToDateProject(root: string): Promise<void> {
  const files = await readProjectFolder(root);
  const { diagnostics, changes } = projectChanges(
    files,
    new Map(),
    await testStandards.compileOptions(files),
  );
  expect(diagnostics).toEqual([]);
  expect(changes.map(c => c.path)).toEqual([]);
}

/**
 * What `meshwork test` runs: the project's pipeline tests, on DuckDB, with
 * the Mask gems of the standards version the project pins (as its
 * generated code and previews have them).
 */
export async function pipelineTestResults(root: string) {
  const files = await readProjectFolder(root);
  const loaded = loadProject(files, await testStandards.compileOptions(files));
  return runPipelineTests(loaded, {
    maskTemplates: loaded.standards?.maskTemplates,
  });
}
