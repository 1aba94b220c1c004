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
import type { PipelineDiagnostic } from '@meshwork/data-mesh-common';
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
 * previewed at every node that ends it, and the `diagnostics` of the 400s
 * must be what the golden file lists for that file (kept by the
 * compiler's browser test, `sameDiagnostics.browser.test.ts` in
 * data-mesh-common).
 *
 * The preview is sent the pipeline as JSON, without its text, so its
 * diagnostics name fields (or keys) and positions inside expressions; the
 * test places them in the file the way an editor holding the file would.
 * Warnings come with the errors of a 400.
 */

jest.setTimeout(60_000);

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
      const diagnostics: PipelineDiagnostic[] = res.body.diagnostics;
      for (const d of diagnostics) {
        const located = locateFieldProblem(c.file, d);
        reported.set(JSON.stringify(located), located);
      }
    }
    return [...reported.values()].sort(byPosition);
  }

  /** The golden file's diagnostics in the pipeline sent. */
  function expectedDiagnostics(c: (typeof cases)[number]): NormalDiagnostic[] {
    expect(c.expected.name).toBe(c.name);
    return c.expected.diagnostics
      .filter(d => d.file === c.file.path)
      .map(withoutCode)
      .sort(byPosition);
  }

  it.each(cases.map(c => [c.name, c] as const))('%s', async (_name, c) => {
    expect(await previewDiagnostics(c)).toEqual(expectedDiagnostics(c));
  });
});
