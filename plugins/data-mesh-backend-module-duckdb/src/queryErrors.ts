import { QueryError, QuerySyntaxError } from '@meshwork/data-mesh-node';

/**
 * Errors DuckDB raises before it runs anything: the statement does not
 * parse, or names something that does not exist, or its types do not fit.
 */
const REJECTED_STATEMENT = /^(?:Parser|Binder|Catalog) Error: /;

/**
 * What the driver puts before DuckDB's own message: `Error: ` when preparing
 * a statement of a script, `Failed to extract statements: ` when splitting it.
 */
const DRIVER_PREFIXES = /^(?:Error: )?(?:Failed to extract statements: )?/;

/**
 * Errors whose message quotes the values being processed: the string that
 * did not convert, the duplicate key, the malformed JSON. Those come from
 * the warehouse's rows, and errors travel further than previews do: into
 * job run records and logs.
 */
const QUOTES_VALUES =
  /^(?:Conversion|Constraint|Out of Range|Invalid Input) Error: /;

/** Where DuckDB's message ends and its excerpt of the statement begins. */
const EXCERPT = /\n\n(?=LINE \d+: )/;

/** A quoted value, `'…'` or `"…"`, with doubled quotes inside. */
const QUOTED = /'(?:[^']|'')*'|"(?:[^"]|"")*"/g;

/** An unquoted value: `Type INT32 with value 300 can't be cast …`. */
const VALUE = /\b(with value) [^\s'"]+/g;

/** The operands of an overflow: `Overflow in addition of INT32 (2147483647 + 1)!`. */
const OPERANDS = /\(-?[\d.]+ (\S{1,2}) -?[\d.]+\)/g;

/**
 * An absolute path on the server, `/srv/data/warehouse.duckdb`,
 * `file:///etc/hostname` or `C:\data\x`. Two segments at least, and not
 * right after a name, a number or a URL scheme, so that division (`a/b`,
 * `10 /2`), URLs and `/*` comments in the statement excerpt stay as they are.
 */
const ABSOLUTE_PATH =
  /(?<![\w.)\]/:])(?:file:\/\/)?(?:\/[^\s'"`/]+){2,}\/?|(?<!\w)[A-Za-z]:[\\/][^\s'"`]+/g;

const HIDDEN_PATH = '<path>';
const HIDDEN_VALUE = '…';

/**
 * A DuckDB failure as the {@link QueryError} the engine interface promises.
 * It keeps what an author needs from DuckDB's message (the kind of error,
 * what went wrong, the `LINE n:` excerpt with its caret) but hides the
 * server's file paths everywhere and, in errors that quote data, the values.
 */
export function toQueryError(error: unknown): QueryError {
  if (error instanceof QueryError) return error;
  const message = redactMessage(
    (error instanceof Error ? error.message : String(error)).replace(
      DRIVER_PREFIXES,
      '',
    ),
  );
  return REJECTED_STATEMENT.test(message)
    ? new QuerySyntaxError(message)
    : new QueryError(message);
}

/** DuckDB's message without server paths or quoted data values. */
function redactMessage(message: string): string {
  const [head, ...excerpt] = message.split(EXCERPT);
  let text = head.replace(ABSOLUTE_PATH, HIDDEN_PATH);
  if (QUOTES_VALUES.test(text)) {
    // Only the first line: further lines may repeat the value unquoted,
    // as `strptime` does with its input.
    text = text
      .split('\n')[0]
      .replace(QUOTED, `'${HIDDEN_VALUE}'`)
      .replace(VALUE, `$1 ${HIDDEN_VALUE}`)
      .replace(OPERANDS, `(${HIDDEN_VALUE} $1 ${HIDDEN_VALUE})`);
  }
  return [text, ...excerpt.map(redactExcerpt)].join('\n\n');
}

/**
 * The statement excerpt, `LINE n: <sql>` and a caret under the error's
 * position, with paths hidden and the caret moved to where its text went.
 * The SQL itself is the author's and stays, values and all.
 */
function redactExcerpt(excerpt: string): string {
  const [line, caretLine, ...rest] = excerpt.split('\n');
  const caret = /^\s*\^\s*$/.test(caretLine ?? '')
    ? caretLine.indexOf('^')
    : -1;
  let shift = 0;
  const redacted = line.replace(ABSOLUTE_PATH, (path, at: number) => {
    if (caret >= at + path.length) shift += HIDDEN_PATH.length - path.length;
    else if (caret > at) shift += at - caret;
    return HIDDEN_PATH;
  });
  const lines = [redacted];
  if (caretLine !== undefined) {
    lines.push(
      caret >= 0
        ? `${' '.repeat(caret + shift)}^`
        : caretLine.replace(ABSOLUTE_PATH, HIDDEN_PATH),
    );
  }
  return [
    ...lines,
    ...rest.map(l => l.replace(ABSOLUTE_PATH, HIDDEN_PATH)),
  ].join('\n');
}
