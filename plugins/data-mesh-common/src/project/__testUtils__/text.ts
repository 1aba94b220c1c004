import { ProjectDiagnostic } from '../diagnostics';

/** A small valid pipeline that tests break in one place at a time. */
export const MINIMAL_PIPELINE = `formatVersion: 1
name: orders
nodes:
  - id: src
    type: Source
    position: { x: 0, y: 0 }
    config:
      dataset: orders
  - id: keep
    type: Filter
    position: { x: 200, y: 0 }
    config:
      condition: amount > 0
  - id: sink
    type: Target
    position: { x: 400, y: 0 }
    config:
      dataset: clean_orders
      mode: overwrite
edges:
  - from: { node: src, port: out }
    to: { node: keep, port: in }
  - from: { node: keep, port: out }
    to: { node: sink, port: in }
`;

/**
 * The 1-based line and column where `needle` occurs in `text` (its
 * `occurrence`-th match), plus `shift` characters; tests state expected
 * positions this way instead of counting by hand.
 */
export function positionOf(
  text: string,
  needle: string,
  { occurrence = 1, shift = 0 }: { occurrence?: number; shift?: number } = {},
): { line: number; column: number } {
  let offset = -1;
  for (let i = 0; i < occurrence; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset === -1)
      throw new Error(`"${needle}" not found ${occurrence} times`);
  }
  offset += shift;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** The diagnostics reduced to what tests compare. */
export function summarize(diagnostics: readonly ProjectDiagnostic[]) {
  return diagnostics.map(({ line, column, path, severity, code }) => ({
    line,
    column,
    path,
    severity,
    code,
  }));
}
