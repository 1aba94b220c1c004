import fc from 'fast-check';
import { compileProject } from './compileProject';
import {
  applyMutations,
  helloWorldSources,
  hugeInputMutation,
  projectMutations,
} from './__testUtils__/brokenProjects';
import type { ProjectSourceFile } from './types';

/**
 * Whole-project fuzzing: take the valid Hello World project, break it the
 * way people and tools break projects, and compile. The compiler must never
 * throw, and every problem must point at a file, a line and a column that
 * exist, so that the CLI and the editor can show it.
 */

const sources = helloWorldSources();

const mutation = fc.oneof(
  ...projectMutations(sources),
  hugeInputMutation(sources),
);

function lineCount(files: readonly ProjectSourceFile[], path: string) {
  return files.find(f => f.path === path)?.text.split('\n').length ?? 0;
}

describe('compileProject on broken projects', () => {
  it('compiles the unbroken project without errors', () => {
    const result = compileProject(sources);
    expect(result.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
  });

  it('never throws, and locates every problem in an existing file', () => {
    let runs = 0;
    let runsWithErrors = 0;
    fc.assert(
      fc.property(
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        mutations => {
          const files = applyMutations(sources, mutations);
          const result = compileProject(files);
          const errors = result.diagnostics.filter(d => d.severity === 'error');
          runs++;
          if (errors.length > 0) runsWithErrors++;
          // Every broken promise is collected, then asserted at once.
          const violations: string[] = [];
          if (errors.length === 0 && result.files.length === 0) {
            // A harmless mutation (an unused edge, a widened type) still
            // compiles to code.
            violations.push('no errors, yet no generated files');
          }
          for (const d of result.diagnostics) {
            const where = `${d.file}:${d.line}:${d.column}: ${d.message}`;
            if (typeof d.message !== 'string' || !/\S/.test(d.message)) {
              violations.push(`empty message at ${where}`);
            }
            // A project-level problem (a missing file) has no position.
            if (d.file === '' || !files.some(f => f.path === d.file)) continue;
            if (
              !(d.line >= 1 && d.line <= lineCount(files, d.file) + 1) ||
              !(d.column >= 1)
            ) {
              violations.push(`position outside the file: ${where}`);
            }
          }
          for (const d of errors) {
            // No code for a pipeline with errors.
            const name = /^pipelines\/(.+)\.pipeline\.yaml$/.exec(d.file)?.[1];
            if (
              name &&
              result.files.some(f => f.path === `generated/sql/${name}.sql`)
            ) {
              violations.push(`code generated for broken pipeline ${name}`);
            }
          }
          expect(violations).toEqual([]);
        },
      ),
      { numRuns: 100, seed: 20261125 },
    );
    // The mutations do break projects, most of the time.
    expect(runsWithErrors).toBeGreaterThan(runs / 2);
  });
});
