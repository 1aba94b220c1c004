import fc from 'fast-check';
import { parseDocument, stringify } from 'yaml';
import { compileProject } from './compileProject';
import { helloWorldFiles } from './__testUtils__/projects';
import type { ProjectSourceFile } from './types';

/**
 * Whole-project fuzzing: take the valid Hello World project, break it the
 * way people and tools break projects, and compile. The compiler must never
 * throw, and every problem must point at a file, a line and a column that
 * exist, so that the CLI and the editor can show it.
 */

const sources = helloWorldFiles().filter(
  f => !/^(generated\/|resources\/|databricks\.yml$|README\.md$)/.test(f.path),
);
const pipelinePaths = sources
  .filter(f => f.path.startsWith('pipelines/'))
  .map(f => f.path);
const yamlPaths = sources.map(f => f.path);

type Mutation = (files: ProjectSourceFile[]) => ProjectSourceFile[];

/**
 * Rewrites one file's data (parsed YAML) and writes it back as YAML. A file
 * an earlier mutation already broke is left as it is.
 */
function editData(path: string, edit: (data: any) => void): Mutation {
  return files =>
    files.map(file => {
      if (file.path !== path) return file;
      try {
        const document = parseDocument(file.text);
        if (document.errors.length > 0) return file;
        const data = document.toJS();
        edit(data);
        return { path, text: stringify(data) };
      } catch {
        return file;
      }
    });
}

const pick = <T>(items: readonly T[], index: number): T =>
  items[Math.abs(index) % items.length];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // A missing port: an edge removed.
  fc.tuple(fc.constantFrom(...pipelinePaths), fc.nat()).map(([path, i]) =>
    editData(path, data => {
      data.edges.splice(i % data.edges.length, 1);
    }),
  ),
  // A cycle: the last node feeds the first one's input.
  fc.constantFrom(...pipelinePaths).map(path =>
    editData(path, data => {
      const first = data.edges[0];
      const last = data.edges[data.edges.length - 1];
      data.edges.push({
        from: { node: last.from.node, port: 'out' },
        to: { node: first.to.node, port: first.to.port },
      });
    }),
  ),
  // An unknown column or a type error inside an expression.
  fc
    .tuple(
      fc.constantFrom(...pipelinePaths),
      fc.nat(),
      fc.constantFrom(
        'no_such_column',
        "order_id + 'x' > DATE '2020-01-01'",
        'sum(',
        'CASE WHEN THEN END',
        'upper(1, 2, 3)',
        '`unterminated',
      ),
    )
    .map(([path, i, text]) =>
      editData(path, data => {
        const node = pick(
          data.nodes.filter((n: any) =>
            ['Filter', 'Reformat', 'Aggregate', 'Join'].includes(n.type),
          ),
          i,
        ) as any;
        if (!node) return;
        if (node.type === 'Filter') node.config.condition = text;
        else if (node.type === 'Join')
          node.config.inputs[node.config.inputs.length - 1].condition = text;
        else if (node.type === 'Aggregate')
          node.config.aggregates[0].expression = text;
        else node.config.columns[0].expression = text;
      }),
    ),
  // A node renamed or deleted, leaving edges that name it.
  fc
    .tuple(fc.constantFrom(...pipelinePaths), fc.nat(), fc.boolean())
    .map(([path, i, remove]) =>
      editData(path, data => {
        const index = i % data.nodes.length;
        if (remove) data.nodes.splice(index, 1);
        else data.nodes[index].id = `${data.nodes[index].id}_renamed`;
      }),
    ),
  // A dataset's column type changed or removed.
  fc
    .tuple(
      fc.constantFrom(...yamlPaths.filter(p => p.startsWith('datasets/'))),
      fc.nat(),
      fc.constantFrom('string', 'decimal(5,1)', 'map<string,int>', 'nope'),
    )
    .map(([path, i, type]) =>
      editData(path, data => {
        const columns = data.contract.columns;
        if (type === 'nope') columns.splice(i % columns.length, 1);
        else columns[i % columns.length].type = type;
      }),
    ),
  // Malformed YAML: text cut short or junk inserted.
  fc
    .tuple(
      fc.constantFrom(...yamlPaths),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.constantFrom('', ':', '- [', '{{', '\t', '&a *a', '"'),
    )
    .map(
      ([path, at, junk]) =>
        (files: ProjectSourceFile[]) =>
          files.map(file => {
            if (file.path !== path) return file;
            const cut = Math.floor(file.text.length * at);
            return {
              path,
              text: junk
                ? file.text.slice(0, cut) + junk + file.text.slice(cut)
                : file.text.slice(0, cut),
            };
          }),
    ),
  // A file deleted.
  fc
    .constantFrom(...yamlPaths)
    .map(
      path => (files: ProjectSourceFile[]) =>
        files.filter(f => f.path !== path),
    ),
  // A huge input: a long expression and many copies of a node.
  fc.constantFrom(...pipelinePaths).map(path =>
    editData(path, data => {
      const filter = data.nodes.find((n: any) => n.type === 'Filter');
      if (filter) {
        filter.config.condition = Array.from(
          { length: 2000 },
          (_, k) => `(1 + ${k} > 0)`,
        ).join(' AND ');
      }
      for (let k = 0; k < 300; k++) {
        data.nodes.push({ ...data.nodes[0], id: `copy_${k}` });
      }
    }),
  ),
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
          const files = mutations.reduce((current, m) => m(current), sources);
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
