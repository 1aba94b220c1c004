import fc from 'fast-check';
import { parseDocument, stringify } from 'yaml';
import type { ProjectSourceFile } from '../types';
import { helloWorldFiles } from './projects';

/**
 * Broken versions of the Hello World project, broken the way people and
 * tools break projects: the fuzz tests draw them at random, and the
 * same-diagnostics tests (the CLI, the preview API and the compiler in a
 * browser must report a broken project alike) use a fixed corpus of them
 * (see `./sameDiagnostics`).
 */

/** One way of breaking a project, with a name that says what it does. */
export interface ProjectMutation {
  readonly name: string;
  apply(files: readonly ProjectSourceFile[]): ProjectSourceFile[];
}

/** A broken project, named after what broke it. */
export interface BrokenProject {
  readonly name: string;
  readonly files: readonly ProjectSourceFile[];
}

/**
 * What the compiler reads of Hello World: no generated files, no bundle.
 * Its pipeline tests are left out too, so that the corpus drawn at random
 * over these files stays one of broken pipelines, datasets and jobs; the
 * checks of test files have their own tests (pipelineTests.test.ts).
 */
export function helloWorldSources(): ProjectSourceFile[] {
  return helloWorldFiles().filter(
    f =>
      !/^(generated\/|resources\/|tests\/|databricks\.yml$|README\.md$)/.test(
        f.path,
      ),
  );
}

/**
 * Rewrites one file's data (parsed YAML) and writes it back as YAML. A file
 * an earlier mutation already broke is left as it is.
 */
function editData(
  name: string,
  path: string,
  edit: (data: any) => void,
): ProjectMutation {
  return {
    name,
    apply: files =>
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
      }),
  };
}

/** Replaces each needle in one file; a needle that is not there is a bug of the corpus. */
function editText(
  name: string,
  path: string,
  ...replacements: ReadonlyArray<readonly [needle: string, replacement: string]>
): ProjectMutation {
  return {
    name,
    apply: files =>
      files.map(file => {
        if (file.path !== path) return file;
        let text = file.text;
        for (const [needle, replacement] of replacements) {
          if (!text.includes(needle)) {
            throw new Error(`"${needle}" is not in ${path}`);
          }
          text = text.replace(needle, replacement);
        }
        return { path, text };
      }),
  };
}

const pick = <T>(items: readonly T[], index: number): T =>
  items[Math.abs(index) % items.length];

/**
 * The ways of breaking a project that the compiler must report, each as an
 * arbitrary over the project's `sources`.
 */
export function projectMutations(
  sources: readonly ProjectSourceFile[],
): fc.Arbitrary<ProjectMutation>[] {
  const pipelinePaths = sources
    .filter(f => f.path.startsWith('pipelines/'))
    .map(f => f.path);
  const datasetPaths = sources
    .filter(f => f.path.startsWith('datasets/'))
    .map(f => f.path);
  const paths = sources.map(f => f.path);

  return [
    // A missing port: an edge removed.
    fc.tuple(fc.constantFrom(...pipelinePaths), fc.nat()).map(([path, i]) =>
      editData(`an edge removed from ${path}`, path, data => {
        data.edges.splice(i % data.edges.length, 1);
      }),
    ),
    // A cycle: the last node feeds the first one's input.
    fc.constantFrom(...pipelinePaths).map(path =>
      editData(`a cycle in ${path}`, path, data => {
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
        editData(`expression \`${text}\` in ${path}`, path, data => {
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
        editData(
          `a node ${remove ? 'deleted' : 'renamed'} in ${path}`,
          path,
          data => {
            const index = i % data.nodes.length;
            if (remove) data.nodes.splice(index, 1);
            else data.nodes[index].id = `${data.nodes[index].id}_renamed`;
          },
        ),
      ),
    // A dataset's column type changed or removed.
    fc
      .tuple(
        fc.constantFrom(...datasetPaths),
        fc.nat(),
        fc.constantFrom('string', 'decimal(5,1)', 'map<string,int>', 'nope'),
      )
      .map(([path, i, type]) =>
        editData(
          type === 'nope'
            ? `a column removed from ${path}`
            : `a column typed ${type} in ${path}`,
          path,
          data => {
            const columns = data.contract.columns;
            if (type === 'nope') columns.splice(i % columns.length, 1);
            else columns[i % columns.length].type = type;
          },
        ),
      ),
    // Malformed YAML: text cut short or junk inserted.
    fc
      .tuple(
        fc.constantFrom(...paths),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom('', ':', '- [', '{{', '\t', '&a *a', '"'),
      )
      .map(([path, at, junk]) => ({
        name: junk
          ? `${JSON.stringify(junk)} inserted at ${Math.round(
              at * 100,
            )}% of ${path}`
          : `${path} cut at ${Math.round(at * 100)}%`,
        apply: files =>
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
      })),
    // A file deleted.
    fc.constantFrom(...paths).map(path => ({
      name: `${path} deleted`,
      apply: files => files.filter(f => f.path !== path),
    })),
  ];
}

/**
 * A huge input: a long expression and many copies of a node. It tests the
 * compiler's limits rather than its diagnostics.
 */
export function hugeInputMutation(
  sources: readonly ProjectSourceFile[],
): fc.Arbitrary<ProjectMutation> {
  const pipelinePaths = sources
    .filter(f => f.path.startsWith('pipelines/'))
    .map(f => f.path);
  return fc.constantFrom(...pipelinePaths).map(path =>
    editData(`${path} made huge`, path, data => {
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
  );
}

/** Applies mutations in order. */
export function applyMutations(
  sources: readonly ProjectSourceFile[],
  mutations: readonly ProjectMutation[],
): ProjectSourceFile[] {
  return mutations.reduce<ProjectSourceFile[]>(
    (files, mutation) => mutation.apply(files),
    [...sources],
  );
}

const LENGTHS = 'pipelines/account_length_days.pipeline.yaml';

/**
 * Problems chosen by hand, one of each kind, at positions a reader can
 * check: the fuzz corpus may miss some of them.
 */
function handPickedMutations(): ProjectMutation[] {
  return [
    editText('a bad expression (a parenthesis missing)', LENGTHS, [
      'datediff(coalesce(account_close_date, as_of_date), account_open_date)',
      'datediff(coalesce(account_close_date, as_of_date), account_open_date',
    ]),
    editText('an unknown column in an expression', LENGTHS, [
      'expression: account_close_date IS NULL',
      'expression: account_closed_date IS NULL',
    ]),
    editText(
      'a SQL gem reading another table',
      LENGTHS,
      [
        `    type: Reformat
    label: As-of date
    position: { x: 240, y: 0 }
    config:
      columns:
        - name: as_of_date
          expression: :as_of_date
      passThrough: true
      drop:
        - account_flags`,
        `    type: SQL
    label: As-of date
    position: { x: 240, y: 0 }
    config:
      inputs:
        - accounts
      sql: >-
        SELECT a.*, DATE '2026-06-30' AS as_of_date
        FROM accounts AS a JOIN bronze.customers AS c
        ON a.customer_id = c.customer_id
      schema:
        - name: as_of_date
          type: date`,
      ],
      ['to: { node: as_of, port: in }', 'to: { node: as_of, port: in0 }'],
    ),
    editText('a cycle', LENGTHS, [
      'from: { node: accounts, port: out }',
      'from: { node: length, port: out }',
    ]),
    editText('a missing port (an input left unconnected)', LENGTHS, [
      `  - from: { node: accounts, port: out }
    to: { node: as_of, port: in }
`,
      '',
    ]),
    editText('an edge to a port the gem does not have', LENGTHS, [
      'to: { node: out, port: in }',
      'to: { node: out, port: input }',
    ]),
    editText('an unknown subgraph', 'pipelines/ComputeSales.pipeline.yaml', [
      'subgraph: EnrichSales',
      'subgraph: EnrichSale',
    ]),
    editText(
      'a broken business rule',
      'rules/CommonSalesClassification.rule.yaml',
      [
        "when: sector IN ('Public Sector', 'Education')",
        "when: sectr IN ('Public Sector', 'Education'",
      ],
    ),
    editText('a YAML syntax error', LENGTHS, [
      '      dataset: bronze_accounts',
      '      dataset: bronze_accounts\n     mode: [',
    ]),
  ];
}

/** The seed of the fuzz corpus: changing it changes every expected diagnostic. */
const CORPUS_SEED = 20261204;
const CORPUS_SIZE = 60;

/**
 * The fixed corpus of broken Hello World projects: the hand-picked ones,
 * then 60 drawn with a fixed seed, each breaking one to three things.
 * Deterministic: the same names and files on every run and machine.
 */
export function brokenProjectCorpus(
  sources: readonly ProjectSourceFile[] = helloWorldSources(),
): BrokenProject[] {
  const handPicked = handPickedMutations().map(mutation => ({
    name: mutation.name,
    files: mutation.apply(sources),
  }));
  const drawn = fc.sample(
    fc.array(fc.oneof(...projectMutations(sources)), {
      minLength: 1,
      maxLength: 3,
    }),
    { seed: CORPUS_SEED, numRuns: CORPUS_SIZE },
  );
  const width = String(drawn.length).length;
  return [
    ...handPicked,
    ...drawn.map((mutations, i) => ({
      name: `fuzz ${String(i + 1).padStart(width, '0')}: ${mutations
        .map(m => m.name)
        .join(', then ')}`,
      files: applyMutations(sources, mutations),
    })),
  ];
}
