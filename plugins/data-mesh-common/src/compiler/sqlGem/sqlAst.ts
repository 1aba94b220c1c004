import type { SqlParser } from './sqlParser';

/**
 * Helpers for the SQL parser's AST: JSON in which every expression is
 * `{ <kind>: <payload> }` (`{ table: { name, schema, … } }`) and the
 * payloads are plain objects whose fields hold further expressions,
 * arrays of them, identifiers (`{ name, quoted, span }`) or scalars.
 */

/** An AST value whose shape the code inspects field by field. */
export type AstObject = Record<string, unknown>;

/** A half-open range of Unicode code points (the parser's unit) in the SQL text. */
export interface CodePointSpan {
  readonly start: number;
  readonly end: number;
}

export function isAstObject(value: unknown): value is AstObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The kind of an expression node, or undefined for any other value. */
export function astKind(parser: SqlParser, value: unknown): string | undefined {
  return isAstObject(value) && parser.ast.isExpressionValue(value)
    ? Object.keys(value)[0]
    : undefined;
}

/** The payload of an expression node whose kind is known. */
export function payloadOf(node: unknown, kind: string): AstObject {
  const payload = (node as AstObject)[kind];
  return isAstObject(payload) ? payload : {};
}

/** An identifier's name (`{ name, quoted, span }`), if `value` is one. */
export function identifierName(value: unknown): string | undefined {
  return isAstObject(value) && typeof value.name === 'string'
    ? value.name
    : undefined;
}

/** An identifier's position, if the parser recorded one. */
export function identifierSpan(value: unknown): CodePointSpan | undefined {
  if (!isAstObject(value) || !isAstObject(value.span)) return undefined;
  const { start, end } = value.span;
  return typeof start === 'number' && typeof end === 'number'
    ? { start, end }
    : undefined;
}

/**
 * A copy of a statement without what does not run: comments (which the
 * generators would write back, some of them badly), optimizer hints (kept
 * as raw text) and comment wrappers. The checked query and the generated
 * code then contain the same things and nothing else.
 */
export function withoutComments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutComments);
  if (!isAstObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'annotated') {
    const inner = value.annotated;
    if (isAstObject(inner) && inner.this !== undefined) {
      return withoutComments(inner.this);
    }
  }
  const copy: AstObject = {};
  for (const key of keys) {
    const field = value[key];
    if (/comments$/.test(key) && Array.isArray(field)) copy[key] = [];
    else if (key === 'hint' && isAstObject(field)) copy[key] = null;
    else if (key === 'hints' && Array.isArray(field)) copy[key] = [];
    else copy[key] = withoutComments(field);
  }
  return copy;
}

/**
 * Maps the parser's positions (Unicode code points) to JavaScript string
 * offsets (UTF-16 code units), which editors and the YAML locator use.
 */
export class CodePointOffsets {
  private readonly units?: number[];

  constructor(text: string) {
    // Only text with characters outside the BMP needs a table.
    if (!/[\uD800-\uDBFF]/.test(text)) return;
    this.units = [];
    let unit = 0;
    for (const character of text) {
      this.units.push(unit);
      unit += character.length;
    }
    this.units.push(unit);
  }

  toUtf16(codePoint: number): number {
    if (!this.units) return codePoint;
    const clamped = Math.min(Math.max(codePoint, 0), this.units.length - 1);
    return this.units[clamped];
  }
}
