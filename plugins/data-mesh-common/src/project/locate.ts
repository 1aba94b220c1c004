import {
  Document,
  isAlias,
  isMap,
  isNode,
  isScalar,
  isSeq,
  Scalar,
} from 'yaml';
import type { PathSegment } from './schema/builder';

/** A range of offsets in a file's text; `end` is exclusive. */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Finds where a data path sits in a parsed YAML document, so that problems
 * found in the data can be reported at a line and column of the file.
 */
export class YamlLocator {
  constructor(
    private readonly document: Document.Parsed,
    private readonly text: string,
    /**
     * For migrated files: the key a current key had in the file's original
     * version (`edges` → `links`), so positions still point at the author's
     * text.
     */
    private readonly formerKeys: ReadonlyMap<
      string,
      readonly string[]
    > = new Map(),
  ) {}

  /**
   * The range of the value at `path` (or of its key, for `target: 'key'`).
   * When the path does not exist in the text (a missing key) this is the
   * range of the deepest ancestor that does. `within` narrows the range to
   * offsets inside the string value, e.g. the position of an expression
   * error.
   */
  locate(
    path: readonly PathSegment[],
    target: 'key' | 'value' = 'value',
    within?: { offset: number; length: number },
  ): TextRange {
    let node: unknown = this.document.contents;
    let keyNode: unknown = undefined;
    let found = true;
    for (const segment of path) {
      node = this.resolve(node);
      const next = this.child(node, segment);
      if (!next) {
        found = false;
        break;
      }
      node = next.value;
      keyNode = next.key;
      // `key:` with no value: point at the key.
      if (node === null || node === undefined) {
        node = keyNode;
        found = false;
        break;
      }
    }
    if (found && target === 'key' && isNode(keyNode)) node = keyNode;
    const range = isNode(node) ? node.range : undefined;
    if (!range) return { start: 0, end: 0 };
    if (found && within && isScalar(node) && typeof node.value === 'string') {
      const start = scalarSourceOffset(node, this.text, within.offset);
      const end = scalarSourceOffset(
        node,
        this.text,
        within.offset + within.length,
      );
      return { start, end: Math.max(start, end) };
    }
    return { start: range[0], end: range[1] };
  }

  private resolve(node: unknown): unknown {
    return isAlias(node) ? node.resolve(this.document) : node;
  }

  private child(
    node: unknown,
    segment: PathSegment,
  ): { key: unknown; value: unknown } | undefined {
    if (isMap(node)) {
      const candidates = [
        String(segment),
        ...(this.formerKeys.get(String(segment)) ?? []),
      ];
      for (const name of candidates) {
        const pair = node.items.find(
          item =>
            String(isScalar(item.key) ? item.key.value : item.key) === name,
        );
        if (pair) return { key: pair.key, value: this.resolve(pair.value) };
      }
      return undefined;
    }
    if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      return item === undefined
        ? undefined
        : { key: undefined, value: this.resolve(item) };
    }
    return undefined;
  }
}

/**
 * The offset in the file of the character at `valueOffset` in a string
 * scalar's parsed value.
 *
 * YAML changes text on the way in: quotes and escapes disappear, block
 * scalars lose their indentation, folded and multi-line plain scalars turn
 * line breaks into spaces. Rather than re-implement each style, this walks
 * the value and the source side by side, matching each value character to
 * the next source character that can produce it. That is exact for plain,
 * single-quoted, literal and folded scalars and for double-quoted ones
 * without escapes; after an escape such as `\n` it stops at the escape.
 */
export function scalarSourceOffset(
  scalar: Scalar,
  text: string,
  valueOffset: number,
): number {
  const value = String(scalar.value);
  const [start, end] = scalar.range ?? [0, 0];
  let source = start;
  if (
    scalar.type === Scalar.QUOTE_DOUBLE ||
    scalar.type === Scalar.QUOTE_SINGLE
  ) {
    source += 1;
  } else if (
    scalar.type === Scalar.BLOCK_LITERAL ||
    scalar.type === Scalar.BLOCK_FOLDED
  ) {
    // Skip the header (`|`, `>-`, …) and any comment after it.
    const newline = text.indexOf('\n', start);
    source = newline === -1 || newline >= end ? end : newline + 1;
  }
  const target = Math.min(Math.max(valueOffset, 0), value.length);
  let lastMatch = source - 1;
  for (let index = 0; index <= target && index < value.length; index++) {
    const wanted = value[index];
    let at = lastMatch + 1;
    while (at < end && !produces(text[at], wanted)) at++;
    if (at >= end) return Math.min(lastMatch + 1, end);
    if (index === target) return at;
    lastMatch = at;
  }
  // The end of the value: just after its last character.
  return Math.min(lastMatch + 1, end);
}

/** Whether source character `source` can yield value character `wanted`. */
function produces(source: string, wanted: string): boolean {
  return (
    source === wanted ||
    (wanted === ' ' && (source === '\n' || source === '\r'))
  );
}
