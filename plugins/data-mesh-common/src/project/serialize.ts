import { Document, isMap, isSeq } from 'yaml';
import {
  ProjectFileContent,
  ProjectFileKind,
  projectFileKinds,
} from './fileKinds';

/**
 * Writes a project file the one way Meshwork always writes it, so that
 * saving from the editor or from code produces the same bytes and a change
 * to one node is a small diff:
 *
 * - keys in the order the format declares them (`formatVersion`, `name`, …;
 *   for a node `id`, `type`, `label`, `position`, `config`), whatever order
 *   they were in;
 * - nodes, edges and other lists in the author's order (reordering nodes
 *   would turn a one-node change into a whole-file diff);
 * - two-space indentation, no anchors or aliases, no line folding (a long
 *   expression stays on one line), multi-line text (SQL) as literal blocks;
 * - a node's `position` and an edge's ends on one line each
 *   (`{ x: 0, y: 0 }`): moving a node on the canvas changes one line.
 * - a test's rows, parameters and compared columns on one line each.
 *
 * `value` must be valid for its kind (as returned by `parseProjectFile`).
 *
 * @public
 */
export function serializeProjectFile<K extends ProjectFileKind>(
  kind: K,
  value: ProjectFileContent<K>,
): string {
  const canonical = projectFileKinds[kind].schema.canonicalize(value);
  const document = new Document(canonical, { aliasDuplicateObjects: false });
  inlineSmallMappings(document);
  if (kind === 'test') inlineTestRows(document);
  return document.toString({
    indent: 2,
    indentSeq: true,
    lineWidth: 0,
    minContentWidth: 0,
    blockQuote: 'literal',
  });
}

/**
 * Writes a test's rows as one-line flow mappings, like the table rows they
 * are, and its parameters and compared columns on one line too.
 */
function inlineTestRows(document: Document): void {
  const tests = document.get('tests', true);
  if (!isSeq(tests)) return;
  const flow = (node: unknown) => {
    if (isMap(node) || isSeq(node)) node.flow = true;
  };
  const rows = (list: unknown) => {
    if (isSeq(list)) list.items.forEach(flow);
  };
  for (const test of tests.items) {
    if (!isMap(test)) continue;
    flow(test.get('parameters', true));
    const given = test.get('given', true);
    if (isMap(given)) given.items.forEach(pair => rows(pair.value));
    const expected = test.get('expect', true);
    if (isMap(expected)) {
      rows(expected.get('rows', true));
      flow(expected.get('columns', true));
    }
  }
}

/** Writes node positions and edge ends as one-line flow mappings. */
function inlineSmallMappings(document: Document): void {
  const inline = (list: unknown, keys: readonly string[]) => {
    if (!isSeq(list)) return;
    for (const item of list.items) {
      if (!isMap(item)) continue;
      for (const key of keys) {
        const value = item.get(key, true);
        if (isMap(value)) value.flow = true;
      }
    }
  };
  inline(document.get('nodes', true), ['position']);
  inline(document.get('edges', true), ['from', 'to']);
}
