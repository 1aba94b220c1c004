/** @jest-environment node */
import { createBackendModule } from '@backstage/backend-plugin-api';
import { DuckDbEngine } from '@meshwork/data-mesh-backend-module-duckdb';
import {
  dataMeshEnginesExtensionPoint,
  WarehouseEngine,
} from '@meshwork/data-mesh-node';
import {
  injectionCorpus,
  injectionPipeline,
  maskedPipeline,
  PROBE_NODE,
  sqlGemPipeline,
} from '@meshwork/data-mesh-node/testUtils';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import {
  authorizationOf,
  dataProjectComponent,
  ROLES,
  startDemoBackend,
} from '../__testUtils__/demoRoles';
import { helloWorldWorkspaces } from '../__testUtils__/helloWorldWorkspace';

jest.setTimeout(300_000);

const workspace = helloWorldWorkspaces('data-mesh-preview-safety-');

/** Every statement the warehouse is sent, in order. */
const sent: string[] = [];

/** The DuckDB engine, with a record of what it runs. */
function observedEngineModule(warehouse: string) {
  let engine: DuckDbEngine | undefined;
  return createBackendModule({
    pluginId: 'data-mesh',
    moduleId: 'observed-duckdb',
    register(reg) {
      reg.registerInit({
        deps: { engines: dataMeshEnginesExtensionPoint },
        async init({ engines }) {
          engine = await DuckDbEngine.open(warehouse);
          const inner = engine;
          const observed: WarehouseEngine = {
            id: 'duckdb',
            dialect: 'duckdb',
            status: () => inner.status(),
            run: (sql, options) => {
              sent.push(sql);
              return inner.run(sql, options);
            },
            execute: (sql, options) => {
              sent.push(sql);
              return inner.execute(sql, options);
            },
            writeTarget: (req, options) => {
              sent.push(req.sql);
              return inner.writeTarget(req, options);
            },
            describeTable: table => inner.describeTable(table),
            tableFreshness: table => inner.tableFreshness(table),
            close: () => inner.close(),
          };
          engines.addEngine(observed);
        },
      });
    },
  });
}

describe('POST /preview with what an author could send', () => {
  let backend: Awaited<ReturnType<typeof startDemoBackend>>;
  let canary: string;
  let canaryText: string;
  let target: string;

  beforeAll(async () => {
    const ws = workspace();
    const dir = path.dirname(ws.warehouse);
    canaryText = `canary-${randomUUID()}`;
    canary = path.join(dir, 'canary.txt');
    fs.writeFileSync(canary, `${canaryText}\n`);
    target = path.join(dir, 'must-not-exist.csv');
    backend = await startDemoBackend({
      engine: observedEngineModule(ws.warehouse),
      dataMesh: {
        preview: { maxRows: 20, timeoutSeconds: 20 },
        runner: { dbuPerHour: 2 },
      },
      catalog: [dataProjectComponent('hello-world', ws.project)],
    });
  });

  afterAll(async () => {
    await backend?.stop();
  });

  const preview = (
    body: { pipeline: unknown; nodeId: string },
    user: string = ROLES.owner,
  ) =>
    request(backend.server)
      .post('/api/data-mesh/preview')
      .set('Authorization', authorizationOf(user))
      .send({ project: 'hello-world', limit: 20, ...body });

  function expectNoLeak(body: unknown) {
    expect(JSON.stringify(body)).not.toContain(canaryText);
    expect(fs.existsSync(target)).toBe(false);
  }

  it('refuses every injection attempt with 400 and a diagnostic, running nothing', async () => {
    const corpus = injectionCorpus({ canary, target });
    expect(corpus.length).toBeGreaterThan(60);
    const answers: string[] = [];
    for (const probe of corpus) {
      const before = sent.length;
      const res = await preview(injectionPipeline(probe));
      answers.push(`${probe.name}: ${res.status} ${res.body.error?.message}`);
      expect({ probe: probe.name, status: res.status }).toEqual({
        probe: probe.name,
        status: 400,
      });
      expect(res.body.error.name).toBe('InputError');
      // The diagnostic names the field, and inside SQL text its position.
      expect(res.body.error.message).toMatch(
        // Inside SQL text, the position too.
        probe.carrier === 'sql-gem'
          ? /pipeline\.nodes\[\d\][^:]*: .*\(line \d+, column \d+\)/
          : /pipeline\.nodes\[\d\]/,
      );
      expect(sent.slice(before)).toEqual([]);
      expectNoLeak(res.body);
    }
    // A record of what authors are told, for whoever reads the test log.
    expect(answers).toHaveLength(corpus.length);
  });

  it('never reads a file, whatever the SQL gem says', async () => {
    const fragment = fc.constantFrom(
      'SELECT',
      '*',
      'email AS c',
      'content AS c',
      'c',
      'FROM',
      'customers',
      `read_text('${canary}')`,
      `'${canary}'`,
      `"${canary}"`,
      `glob('${canary}')`,
      'WHERE',
      'true',
      ',',
      ';',
      '(',
      ')',
      "'",
      '"',
      '`',
      '\\',
      '--',
      '/*',
      '*/',
      '\n',
      'UNION ALL',
      'WITH x AS',
      'JOIN',
      'ON',
      'bronze.customers',
      'ATTACH',
      'COPY',
      'TO',
      `'${target}'`,
      'LATERAL',
      'VALUES',
      '$$',
      'U&',
    );
    // Starts that run as they are, so that what follows them decides.
    const start = fc.constantFrom(
      'SELECT email AS c FROM customers',
      'SELECT c FROM (SELECT email AS c FROM customers) AS t',
      'WITH x AS (SELECT email AS c FROM customers) SELECT c FROM x',
      'SELECT',
      '',
    );
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(
        start,
        fc.array(fragment, { maxLength: 10 }),
        async (head, parts) => {
          const res = await preview({
            pipeline: sqlGemPipeline([head, ...parts].join(' ')),
            nodeId: PROBE_NODE,
          });
          expect([200, 400]).toContain(res.status);
          if (res.status === 200) accepted++;
          expectNoLeak(res.body);
        },
      ),
      { numRuns: 300, seed: 8 },
    );
    // The property must have exercised queries that run, not only refusals.
    expect(accepted).toBeGreaterThan(0);
    for (const statement of sent) {
      expect(statement).not.toContain(canary);
    }
  });

  describe('personal data through a SQL gem', () => {
    const queries = [
      'SELECT email AS c FROM customers',
      'SELECT upper(email) AS c FROM customers',
      "SELECT concat('<', email, '>') AS c FROM customers",
      'WITH x AS (SELECT email AS e FROM customers) SELECT e AS c FROM x',
      'SELECT e AS c FROM (SELECT email AS e FROM customers) AS t',
      'SELECT max(email) AS c FROM customers GROUP BY customer_id',
    ];

    it.each(queries)(
      'reaches a user outside the owning team masked: %s',
      async sql => {
        // The platform team may preview every project but is not the owner.
        const res = await preview(
          { pipeline: sqlGemPipeline(sql), nodeId: PROBE_NODE },
          ROLES.platform,
        );
        expect(res.status).toBe(200);
        expect(res.body.columns).toEqual([
          expect.objectContaining({ name: 'c', pii: true, masked: true }),
        ]);
        const values = res.body.rows.map((row: unknown[]) => row[0]);
        expect(values.length).toBeGreaterThan(0);
        for (const value of values) {
          expect([null, '••••']).toContain(value);
        }
        const owner = await preview(
          { pipeline: sqlGemPipeline(sql), nodeId: PROBE_NODE },
          ROLES.owner,
        );
        expect(owner.status).toBe(200);
        expect(owner.body.columns[0]).toMatchObject({
          pii: true,
          masked: false,
        });
        expect(
          owner.body.rows.some((row: unknown[]) =>
            String(row[0]).includes('@'),
          ),
        ).toBe(true);
      },
    );

    it('is not masked again once a Mask gem hid it', async () => {
      const pipeline = maskedPipeline('email', { method: 'hash' }, [
        {
          id: PROBE_NODE,
          type: 'SQL',
          config: {
            inputs: ['customers'],
            sql: 'SELECT email AS c FROM customers',
            schema: [{ name: 'c', type: 'string' }],
          },
        },
      ]);
      const res = await preview(
        { pipeline, nodeId: PROBE_NODE },
        ROLES.platform,
      );
      expect(res.status).toBe(200);
      expect(res.body.columns[0]).toMatchObject({
        name: 'c',
        pii: false,
        masked: false,
      });
      const values = res.body.rows
        .map((row: unknown[]) => row[0])
        .filter((v: unknown) => v !== null);
      expect(values.length).toBeGreaterThan(0);
      for (const value of values) expect(value).toMatch(/^[0-9a-f]{64}$/);
    });
  });
});
