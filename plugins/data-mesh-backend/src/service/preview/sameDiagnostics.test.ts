/** @jest-environment node */
import { createBackendModule } from '@backstage/backend-plugin-api';
import { NotImplementedError } from '@backstage/errors';
// The corpus and its golden file belong to the compiler's tests; this
// test checks that the preview API reports the same.
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import {
  brokenProjectCorpus,
  helloWorldSources,
  locateFieldProblem,
  NormalDiagnostic,
  previewablePipeline,
  readSameDiagnosticsGolden,
  withoutCode,
} from '@meshwork/data-mesh-common/src/projectCompiler/__testUtils__/sameDiagnostics';
import {
  dataMeshEnginesExtensionPoint,
  WarehouseEngine,
} from '@meshwork/data-mesh-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  authorizationOf,
  dataProjectComponent,
  ROLES,
  startDemoBackend,
} from '../__testUtils__/demoRoles';

/**
 * `POST /preview` must report a broken pipeline as `meshwork validate` and
 * the editor's compiler do: each pipeline of the same-diagnostics corpus
 * that an editor can send (the only file that changed, and valid YAML) is
 * previewed at every node that ends it, and the problems of the 400 must
 * be the errors the golden file lists for that file (kept by the
 * compiler's browser test, `sameDiagnostics.browser.test.ts` in
 * data-mesh-common).
 *
 * The preview is sent the pipeline as JSON, without its text, so it names
 * fields and positions inside expressions only; the test places them in
 * the file the way an editor holding the file would. It answers errors,
 * never warnings.
 */

jest.setTimeout(60_000);

/**
 * Cases where the preview reports differently today, each with what
 * differs; a case that starts to agree fails until it is taken off.
 */
const KNOWN_DIVERGENCES: Record<string, string> = {
  'an unknown column in an expression':
    'the preview leaves out the `node "<id>": ` that starts compileProject\'s messages',
  'a SQL gem reading another table': 'the `node "<id>": ` prefix',
  'a missing port (an input left unconnected)': 'the `node "<id>": ` prefix',
  "fuzz 12: expression `order_id + 'x' > DATE '2020-01-01'` in pipelines/CustomerAccounts.pipeline.yaml":
    'the `node "<id>": ` prefix',
  'fuzz 33: a column typed string in datasets/silver_account_lengths.dataset.yaml, then an edge removed from pipelines/ComputeSales.pipeline.yaml, then an edge removed from pipelines/ComputeSales.pipeline.yaml':
    'the `node "<id>": ` prefix',
  "fuzz 50: expression `order_id + 'x' > DATE '2020-01-01'` in pipelines/ComputeSales.pipeline.yaml, then an edge removed from pipelines/ComputeSales.pipeline.yaml":
    'the `node "<id>": ` prefix',
  'fuzz 58: an edge removed from pipelines/ComputeSales.pipeline.yaml':
    'the `node "<id>": ` prefix',
  'an unknown subgraph':
    'the preview leaves out compileProject\'s `(did you mean "EnrichSales"?)`',
  'fuzz 24: an edge removed from pipelines/account_length_days.pipeline.yaml':
    'a Target without input: the preview says `nodeId: Target "out" has no input to preview`, compileProject `node "out": input port "in" of node "out" has no edge` at nodes[3].id',
  'fuzz 56: ":" inserted at 0% of pipelines/ComputeSales.pipeline.yaml':
    'an unknown key: compileProject points at the key, the preview names the field only, so an editor can only point at its value',
};

/**
 * The warehouse, for the few pipelines of the corpus that compile: it
 * answers every preview query with no rows. The test is about what the
 * compiler reports, not about the data.
 */
const noRowsWarehouse = createBackendModule({
  pluginId: 'data-mesh',
  moduleId: 'no-rows-warehouse',
  register(reg) {
    reg.registerInit({
      deps: { engines: dataMeshEnginesExtensionPoint },
      async init({ engines }) {
        const unused = async (): Promise<never> => {
          throw new NotImplementedError('previews only run queries');
        };
        const engine: WarehouseEngine = {
          id: 'duckdb',
          dialect: 'duckdb',
          status: async () => ({ state: 'ready' }),
          run: async () => ({
            columns: [],
            rows: [],
            truncated: false,
            elapsedMs: 0,
          }),
          execute: unused,
          writeTarget: unused,
          describeTable: unused,
          tableFreshness: unused,
        };
        engines.addEngine(engine);
      },
    });
  },
});

const HELLO_WORLD = path.resolve(
  __dirname,
  '../../../../../examples/hello-world',
);

/** Where the preview's message starts each problem: the field it names. */
const PROBLEM_START = /; (?=(?:pipeline|nodeId|port|limit)[.[:])/;
/** A field of the request, as `formatDataPath` writes it after `pipeline`. */
const FIELD =
  /^(pipeline(?:\.?(?:[A-Za-z_$][\w$]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\]))*|nodeId|port|limit): /;
const IN_EXPRESSION = / \(line (\d+), column (\d+)\)$/;
const PREFIXES = ['The preview does not compile: ', 'Invalid pipeline: '];

/** The problems of a 400's message, each as `{ field, message, expression? }`. */
function previewProblems(errorMessage: string) {
  const prefix = PREFIXES.find(p => errorMessage.startsWith(p));
  if (!prefix) throw new Error(`not a pipeline problem: ${errorMessage}`);
  return errorMessage
    .slice(prefix.length)
    .split(PROBLEM_START)
    .map(text => {
      const field = FIELD.exec(text);
      if (!field) throw new Error(`not a problem: ${text}`);
      let message = text.slice(field[0].length);
      const where = IN_EXPRESSION.exec(message);
      if (where) message = message.slice(0, where.index);
      return {
        // `pipeline.[":x"]` (sic) for a key that is not a plain name.
        field: field[1].replace(/^pipeline\.?/, ''),
        message,
        ...(where && {
          expression: { line: Number(where[1]), column: Number(where[2]) },
        }),
      };
    });
}

/**
 * The nodes whose previews cover the whole pipeline: its Targets, else the
 * nodes nothing reads. A pipeline the file format refuses is refused
 * whatever the node, so any id will do.
 */
function endNodes(pipeline: any): string[] {
  const nodes: any[] = Array.isArray(pipeline?.nodes) ? pipeline.nodes : [];
  const ids = nodes.map(n => n?.id).filter(id => typeof id === 'string');
  const targets = nodes.filter(n => n?.type === 'Target').map(n => n.id);
  if (targets.length > 0) return targets;
  const edges: any[] = Array.isArray(pipeline?.edges) ? pipeline.edges : [];
  const feeding = new Set(edges.map(e => e?.from?.node));
  const ends = ids.filter(id => !feeding.has(id));
  return ends.length > 0 ? ends : [ids[0] ?? 'out'];
}

const byPosition = (a: NormalDiagnostic, b: NormalDiagnostic) =>
  a.line - b.line ||
  a.column - b.column ||
  (a.message < b.message ? -1 : Number(a.message > b.message));

describe('POST /preview on the broken pipelines of the same-diagnostics corpus', () => {
  const sources = helloWorldSources();
  const golden = readSameDiagnosticsGolden();
  const cases = brokenProjectCorpus(sources).flatMap((broken, i) => {
    const sent = previewablePipeline(broken, sources);
    return sent ? [{ name: broken.name, ...sent, expected: golden[i] }] : [];
  });
  let backend: Awaited<ReturnType<typeof startDemoBackend>>;
  let folder: string;

  beforeAll(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'same-diagnostics-'));
    const project = path.join(folder, 'hello-world');
    fs.cpSync(HELLO_WORLD, project, { recursive: true });
    backend = await startDemoBackend({
      engine: noRowsWarehouse,
      dataMesh: {},
      catalog: [dataProjectComponent('hello-world', project)],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('sends most of the corpus through the preview', () => {
    expect(cases.length).toBeGreaterThan(20);
  });

  it('lists known divergences of cases in the corpus only', () => {
    const names = new Set(cases.map(c => c.name));
    expect(Object.keys(KNOWN_DIVERGENCES).filter(n => !names.has(n))).toEqual(
      [],
    );
  });

  const agreeing = cases.filter(c => !(c.name in KNOWN_DIVERGENCES));
  const diverging = cases.filter(c => c.name in KNOWN_DIVERGENCES);

  /** What the preview reports for the whole pipeline, placed in its file. */
  async function previewDiagnostics(
    c: (typeof cases)[number],
  ): Promise<NormalDiagnostic[]> {
    const reported = new Map<string, NormalDiagnostic>();
    for (const nodeId of endNodes(c.pipeline)) {
      const res = await request(backend.server)
        .post('/api/data-mesh/preview')
        .set('Authorization', authorizationOf(ROLES.owner))
        .send({
          project: 'hello-world',
          pipeline: c.pipeline,
          nodeId,
          limit: 1,
        });
      if (res.status === 200) continue;
      if (res.status !== 400 || res.body.error?.name !== 'InputError') {
        throw new Error(
          `preview of ${nodeId}: ${res.status} ${JSON.stringify(res.body)}`,
        );
      }
      for (const problem of previewProblems(res.body.error.message)) {
        const located = locateFieldProblem(c.file, problem);
        reported.set(JSON.stringify(located), located);
      }
    }
    return [...reported.values()].sort(byPosition);
  }

  /** The golden file's errors in the pipeline sent. */
  function expectedDiagnostics(c: (typeof cases)[number]): NormalDiagnostic[] {
    expect(c.expected.name).toBe(c.name);
    return c.expected.diagnostics
      .filter(d => d.file === c.file.path && d.severity === 'error')
      .map(withoutCode)
      .sort(byPosition);
  }

  it.each(agreeing.map(c => [c.name, c] as const))('%s', async (_name, c) => {
    expect(await previewDiagnostics(c)).toEqual(expectedDiagnostics(c));
  });

  if (diverging.length > 0) {
    it.failing.each(
      diverging.map(c => [c.name, KNOWN_DIVERGENCES[c.name], c] as const),
    )('%s (differs: %s)', async (_name, _why, c) => {
      expect(await previewDiagnostics(c)).toEqual(expectedDiagnostics(c));
    });
  }
});
