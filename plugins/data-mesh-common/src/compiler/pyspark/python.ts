/**
 * A small model of the Python the generator writes (method chains, calls,
 * dict literals) and a layout close to Black's, so that the generated file
 * reads like a formatted hand-written one.
 */

/** Black's default line length. */
const LINE_LENGTH = 88;
const INDENT = '    ';

/** One step of a chain: an attribute (`.write`) or a call (`.where(…)`). */
export interface PyLink {
  readonly name: string;
  /** Undefined for an attribute. */
  readonly args?: readonly Py[];
}

/** `receiver.link.link(…)…`; a plain call `F.expr(…)` is a chain too. */
export interface PyChain {
  readonly kind: 'chain';
  /** Python written as is: a name, or `targets["out"]`. */
  readonly receiver: string;
  readonly links: readonly PyLink[];
}

/** A dict literal; keys are written as is. */
export interface PyDict {
  readonly kind: 'dict';
  readonly entries: ReadonlyArray<readonly [string, Py]>;
}

/** A Python expression: text written as is, a chain or a dict. */
export type Py = string | PyChain | PyDict;

/** `receiver.name(args)`, extending the chain when `receiver` is one. */
export function call(receiver: Py, name: string, ...args: Py[]): PyChain {
  return link(receiver, { name, args });
}

/** `receiver.name`. */
export function attribute(receiver: Py, name: string): PyChain {
  return link(receiver, { name });
}

function link(receiver: Py, next: PyLink): PyChain {
  if (typeof receiver === 'string') {
    return { kind: 'chain', receiver, links: [next] };
  }
  if (receiver.kind === 'chain') {
    return { ...receiver, links: [...receiver.links, next] };
  }
  return { kind: 'chain', receiver: flat(receiver), links: [next] };
}

export function dict(entries: ReadonlyArray<readonly [string, Py]>): PyDict {
  return { kind: 'dict', entries };
}

/** The expression on one line. */
export function flat(py: Py): string {
  if (typeof py === 'string') return py;
  if (py.kind === 'dict') {
    return `{${py.entries.map(([k, v]) => `${k}: ${flat(v)}`).join(', ')}}`;
  }
  return py.receiver + py.links.map(flatLink).join('');
}

function flatLink(item: PyLink): string {
  return item.args
    ? `.${item.name}(${item.args.map(flat).join(', ')})`
    : `.${item.name}`;
}

function fits(depth: number, text: string): boolean {
  return (
    !text.includes('\n') && INDENT.length * depth + text.length <= LINE_LENGTH
  );
}

function indented(depth: number, text: string): string {
  return INDENT.repeat(depth) + text;
}

/**
 * A statement `prefix + expression` at `depth` (levels of four spaces),
 * split over lines when it does not fit:
 *
 * - a chain with several calls after calls (`a.b(…).c(…).d(…)`) becomes a
 *   parenthesized fluent chain, one call per line;
 * - otherwise the last bracket that leaves a short enough first line is
 *   opened, its arguments on one line if they fit, else one per line with
 *   a trailing comma;
 * - a dict is written one entry per line.
 */
export function statement(prefix: string, py: Py, depth = 1): string[] {
  return layout(py, depth, prefix, '', true);
}

function layout(
  py: Py,
  depth: number,
  prefix: string,
  suffix: string,
  statementLevel = false,
): string[] {
  const line = `${prefix}${flat(py)}${suffix}`;
  if (typeof py === 'string' || fits(depth, line)) {
    return [indented(depth, line)];
  }
  if (py.kind === 'dict') {
    return [
      indented(depth, `${prefix}{`),
      ...py.entries.flatMap(([key, value]) =>
        layout(value, depth + 1, `${key}: `, ','),
      ),
      indented(depth, `}${suffix}`),
    ];
  }
  const segments = fluentSegments(py);
  if (statementLevel && segments.length > 2) {
    return [
      indented(depth, `${prefix}(`),
      ...segments.flatMap(segment => layout(segment, depth + 1, '', '')),
      indented(depth, `)${suffix}`),
    ];
  }
  return splitAtCall(py, depth, prefix, suffix);
}

/**
 * The chain cut before every link that follows a call or a subscript, the
 * places where Black breaks a fluent chain.
 */
function fluentSegments(chain: PyChain): PyChain[] {
  const segments: PyChain[] = [];
  let current: PyChain = { kind: 'chain', receiver: chain.receiver, links: [] };
  chain.links.forEach((item, index) => {
    const afterBracket =
      index === 0
        ? /[)\]]$/.test(chain.receiver)
        : chain.links[index - 1].args !== undefined;
    if (afterBracket) {
      segments.push(current);
      current = { kind: 'chain', receiver: '', links: [] };
    }
    current = { ...current, links: [...current.links, item] };
  });
  segments.push(current);
  return segments;
}

/** Opens one call's brackets: the last one whose first line fits. */
function splitAtCall(
  chain: PyChain,
  depth: number,
  prefix: string,
  suffix: string,
): string[] {
  const calls = chain.links
    .map((item, index) => ({ item, index }))
    .filter(({ item }) => item.args && item.args.length > 0);
  if (calls.length === 0) {
    return [indented(depth, `${prefix}${flat(chain)}${suffix}`)];
  }
  const parts = calls.map(({ item, index }) => ({
    args: item.args!,
    head: `${prefix}${chain.receiver}${chain.links
      .slice(0, index)
      .map(flatLink)
      .join('')}.${item.name}(`,
    tail: `)${chain.links
      .slice(index + 1)
      .map(flatLink)
      .join('')}${suffix}`,
  }));
  const chosen =
    [...parts]
      .reverse()
      .find(part => fits(depth, part.head) && fits(depth, part.tail)) ??
    parts[parts.length - 1];
  const body = chosen.args.map(flat).join(', ');
  const lines = fits(depth + 1, body)
    ? [indented(depth + 1, body)]
    : chosen.args.flatMap(arg =>
        layout(arg, depth + 1, '', chosen.args.length > 1 ? ',' : ''),
      );
  return [indented(depth, chosen.head), ...lines, indented(depth, chosen.tail)];
}

/**
 * A Python string literal with `value` as its content, in double quotes:
 * backslashes, quotes and control characters escaped, so the literal stays
 * on one line.
 */
export function pyString(value: string): string {
  let out = '';
  for (const char of value) {
    out += char === '"' ? '\\"' : escapeChar(char, false);
  }
  return `"${out}"`;
}

/**
 * A triple-quoted Python string literal with `value` as its content, for
 * text that spans lines (SQL, docstrings): newlines, tabs and quotes stay
 * as they are, except every third quote in a row and a final quote, which
 * would close the literal early.
 */
export function pyMultilineString(value: string): string {
  let out = '';
  let quotes = 0;
  const chars = [...value];
  chars.forEach((char, index) => {
    if (char === '"') {
      const closes = quotes === 2 || index === chars.length - 1;
      out += closes ? '\\"' : '"';
      quotes = closes ? 0 : quotes + 1;
    } else {
      quotes = 0;
      out += escapeChar(char, true);
    }
  });
  return `"""${out}"""`;
}

const SHORT_ESCAPES: Record<string, string> = {
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/**
 * One character (a code point) as a Python string literal writes it:
 * backslashes and control characters escaped, and lone surrogates, which
 * UTF-8 cannot encode. `keepLayout` keeps newlines and tabs as they are.
 */
function escapeChar(char: string, keepLayout: boolean): string {
  if (char === '\\') return '\\\\';
  if (keepLayout && (char === '\n' || char === '\t')) return char;
  const code = char.codePointAt(0)!;
  const control = code < 0x20 || code === 0x7f;
  const loneSurrogate = code >= 0xd800 && code <= 0xdfff;
  if (!control && !loneSurrogate) return char;
  return SHORT_ESCAPES[char] ?? `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * A comment line: line breaks and other control characters (which Python
 * reads as the end of the comment, or rejects) become spaces.
 */
export function pyComment(text: string): string {
  const printable = [...text].map(char => {
    const code = char.codePointAt(0)!;
    return code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029
      ? ' '
      : char;
  });
  return `# ${printable.join('')}`;
}
