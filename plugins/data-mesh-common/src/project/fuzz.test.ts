import fc from 'fast-check';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { ProjectDiagnostic } from './diagnostics';
import { ProjectFileKind } from './fileKinds';
import { parseProjectFile } from './parse';
import { validFixture, validFixtures } from './__testUtils__/fixtures';

/**
 * Runs stay small so the suite stays fast; a failure prints its seed. Set
 * FUZZ_RUNS to fuzz harder locally.
 */
const RUNS = { numRuns: Number(process.env.FUZZ_RUNS ?? 150) };

const PIPELINE = validFixture('pipelines/all_gems.pipeline.yaml');

/** Every diagnostic must point at a real position of the text. */
function expectWellFormed(
  diagnostics: readonly ProjectDiagnostic[],
  text: string,
  fileName: string,
) {
  const lines = text.split(/\r\n|\r|\n/);
  for (const d of diagnostics) {
    expect(d.file).toBe(fileName);
    expect(Number.isInteger(d.line) && Number.isInteger(d.column)).toBe(true);
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.line).toBeLessThanOrEqual(lines.length);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeLessThanOrEqual(lines[d.line - 1].length + 1);
    expect(d.endLine * 1e6 + d.endColumn).toBeGreaterThanOrEqual(
      d.line * 1e6 + d.column,
    );
    expect(['error', 'warning', 'info']).toContain(d.severity);
    expect(typeof d.message).toBe('string');
    expect(d.message.length).toBeGreaterThan(0);
  }
}

function parseChecked(kind: ProjectFileKind, fileName: string, text: string) {
  const result = parseProjectFile(kind, fileName, text);
  expectWellFormed(result.diagnostics, text, fileName);
  if (result.value === undefined) {
    expect(result.diagnostics.some(d => d.severity === 'error')).toBe(true);
  }
  return result;
}

/** Every path to a node of the document, for picking mutation targets. */
function nodePaths(text: string): Array<Array<string | number>> {
  const paths: Array<Array<string | number>> = [];
  const visit = (node: unknown, path: Array<string | number>) => {
    paths.push(path);
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isScalar(pair.key))
          visit(pair.value, [...path, String(pair.key.value)]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => visit(item, [...path, index]));
    }
  };
  visit(parseDocument(text).contents, []);
  return paths.filter(path => path.length > 0);
}

const PIPELINE_PATHS = nodePaths(PIPELINE.text);

const junk = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string(),
  fc.constantFrom(
    'Filtr',
    'in9',
    'out',
    'orders',
    '$input',
    'a > > 1',
    '((',
    'x'.repeat(5000),
  ),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);

/** A structural change to the document: remove, replace or add a value. */
const mutation = fc.record({
  path: fc.constantFrom(...PIPELINE_PATHS),
  action: fc.constantFrom('delete', 'replace', 'add-key'),
  value: junk,
  key: fc.constantFrom('extra', 'nodes', 'type', 'config', 'edges', 'links'),
});

describe('parseProjectFile on mutated input', () => {
  it('reports structural mutations of a valid pipeline as located diagnostics, never a throw', () => {
    expect(() =>
      fc.assert(
        fc.property(
          fc.array(mutation, { minLength: 1, maxLength: 4 }),
          mutations => {
            const document = parseDocument(PIPELINE.text);
            for (const { path, action, value, key } of mutations) {
              if (!document.hasIn(path)) continue;
              if (action === 'delete') document.deleteIn(path);
              else if (action === 'replace') document.setIn(path, value);
              else if (isMap(document.getIn(path)))
                document.setIn([...path, key], value);
            }
            parseChecked('pipeline', PIPELINE.fileName, document.toString());
          },
        ),
        RUNS,
      ),
    ).not.toThrow();
  });

  it('reports edges rewired at random (unknown nodes, wrong ports, cycles) as located diagnostics', () => {
    const data = parseDocument(PIPELINE.text).toJS();
    const ids: string[] = data.nodes.map((node: { id: string }) => node.id);
    const endpoint = fc.record({
      node: fc.oneof(
        fc.constantFrom(...ids),
        fc.constantFrom('ghost', '$input'),
      ),
      port: fc.constantFrom('in', 'out', 'in0', 'in1', 'in2', 'sales'),
    });
    expect(() =>
      fc.assert(
        fc.property(
          fc.array(fc.record({ from: endpoint, to: endpoint }), {
            maxLength: 25,
          }),
          edges => {
            const document = parseDocument(PIPELINE.text);
            document.set('edges', edges);
            parseChecked('pipeline', PIPELINE.fileName, document.toString());
          },
        ),
        RUNS,
      ),
    ).not.toThrow();
  });

  it('reports text edits (deleted, inserted or garbled characters) as located diagnostics', () => {
    const edit = fc.record({
      at: fc.nat({ max: PIPELINE.text.length }),
      remove: fc.nat({ max: 40 }),
      insert: fc.oneof(
        fc.string({ maxLength: 20 }),
        fc.constantFrom(
          ':',
          '- ',
          '\n',
          '\t',
          '"',
          "'",
          '{',
          '[',
          '&a',
          '*a',
          '!!int',
          '|',
          '>',
          '#',
          '\r\n',
          '\u2028',
        ),
      ),
    });
    expect(() =>
      fc.assert(
        fc.property(fc.array(edit, { minLength: 1, maxLength: 5 }), edits => {
          let text = PIPELINE.text;
          for (const { at, remove, insert } of edits) {
            const position = Math.min(at, text.length);
            text =
              text.slice(0, position) + insert + text.slice(position + remove);
          }
          parseChecked('pipeline', PIPELINE.fileName, text);
        }),
        RUNS,
      ),
    ).not.toThrow();
  });

  it('handles random text for every file kind', () => {
    const kinds = validFixtures();
    expect(() =>
      fc.assert(
        fc.property(
          fc.constantFrom(...kinds),
          fc.oneof(fc.string(), fc.fullUnicodeString()),
          (fixture, text) => {
            parseChecked(fixture.kind, fixture.fileName, text);
          },
        ),
        RUNS,
      ),
    ).not.toThrow();
  });

  it('handles very long and deeply nested inputs', () => {
    const longLine = `formatVersion: 1\nname: ${'x'.repeat(200_000)}\n`;
    parseChecked('pipeline', PIPELINE.fileName, longLine);
    const deep = `formatVersion: 1\nname: p\nnodes: ${'['.repeat(
      2000,
    )}${']'.repeat(2000)}\nedges: []\n`;
    parseChecked('pipeline', PIPELINE.fileName, deep);
    const longExpression = PIPELINE.text.replace(
      "condition: order_date >= DATE '2024-01-01' AND status <> 'cancelled'",
      `condition: ${'('.repeat(3000)}a${')'.repeat(3000)}`,
    );
    parseChecked('pipeline', PIPELINE.fileName, longExpression);
    const chain = Array.from(
      { length: 2000 },
      (_, i) =>
        `  - { id: n${i}, type: Filter, position: { x: 0, y: 0 }, config: { condition: "true" } }`,
    );
    const links = Array.from(
      { length: 2000 },
      (_, i) =>
        `  - { from: { node: n${i}, port: out }, to: { node: n${
          (i + 1) % 2000
        }, port: in } }`,
    );
    const cycle = `formatVersion: 1\nname: all_gems\nnodes:\n${chain.join(
      '\n',
    )}\nedges:\n${links.join('\n')}\n`;
    const { diagnostics } = parseChecked('pipeline', PIPELINE.fileName, cycle);
    expect(diagnostics.filter(d => d.code === 'cycle')).toHaveLength(1);
  });

  it('refuses alias bombs', () => {
    const bomb = `a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`;
    const { diagnostics } = parseChecked('pipeline', PIPELINE.fileName, bomb);
    expect(diagnostics[0]).toMatchObject({
      code: 'yaml-syntax',
      severity: 'error',
    });
  });
});
