import { QueryError, QuerySyntaxError } from '@meshwork/data-mesh-node';
import { toQueryError } from './queryErrors';

/** The messages below are DuckDB 1.5's own, as the driver reports them. */
function messageOf(duckDbMessage: string): string {
  return toQueryError(new Error(duckDbMessage)).message;
}

describe('toQueryError', () => {
  it('keeps the kind, the message and the position of a rejected statement', () => {
    const message =
      'Binder Error: Referenced column "foo" not found in FROM clause!\nCandidate bindings: "email"\n\nLINE 1: SELECT foo FROM p\n               ^';

    const error = toQueryError(new Error(message));

    expect(error).toBeInstanceOf(QuerySyntaxError);
    expect(error.message).toBe(message);
  });

  it('drops what the driver puts before the message', () => {
    const error = toQueryError(
      new Error(
        'Error: Failed to extract statements: Parser Error: syntax error at or near "WHERE"',
      ),
    );

    expect(error).toBeInstanceOf(QuerySyntaxError);
    expect(error.message).toBe('Parser Error: syntax error at or near "WHERE"');
  });

  it('hides the value a conversion failed on, but not the column or the position', () => {
    const error = toQueryError(
      new Error(
        "Conversion Error: Could not convert string 'alice@example.com' to INT32 when casting from source column email\n\nLINE 1: SELECT email::INTEGER FROM p\n                    ^",
      ),
    );

    expect(error).toBeInstanceOf(QueryError);
    expect(error).not.toBeInstanceOf(QuerySyntaxError);
    expect(error.message).toBe(
      "Conversion Error: Could not convert string '…' to INT32 when casting from source column email\n\nLINE 1: SELECT email::INTEGER FROM p\n                    ^",
    );
  });

  it.each([
    [
      'Conversion Error: invalid date field format: "alice@example.com", expected format is (YYYY-MM-DD) when casting from source column email',
      "Conversion Error: invalid date field format: '…', expected format is (YYYY-MM-DD) when casting from source column email",
    ],
    [
      'Conversion Error: Could not convert string "alice@example.com" to DECIMAL(10,2) when casting from source column email',
      "Conversion Error: Could not convert string '…' to DECIMAL(10,2) when casting from source column email",
    ],
    [
      "Conversion Error: Type INT32 with value 300 can't be cast because the value is out of range for the destination type INT8",
      "Conversion Error: Type INT32 with value … can't be cast because the value is out of range for the destination type INT8",
    ],
    [
      'Conversion Error: Malformed JSON at byte 0 of input: unexpected character.  Input: "alice@example.com" when casting from source column email',
      "Conversion Error: Malformed JSON at byte 0 of input: unexpected character.  Input: '…' when casting from source column email",
    ],
    [
      'Constraint Error: Duplicate key "e: bob@example.com" violates unique constraint.',
      "Constraint Error: Duplicate key '…' violates unique constraint.",
    ],
    [
      'Constraint Error: Violates foreign key constraint because key "id: 99" does not exist in the referenced table',
      "Constraint Error: Violates foreign key constraint because key '…' does not exist in the referenced table",
    ],
    [
      'Out of Range Error: Overflow in addition of INT32 (2147483647 + 1)!',
      'Out of Range Error: Overflow in addition of INT32 (… + …)!',
    ],
    [
      'Invalid Input Error: Could not parse string "alice@example.com" according to format specifier "%Y"\nalice@example.com\n^\nError: Expected a number',
      "Invalid Input Error: Could not parse string '…' according to format specifier '…'",
    ],
  ])('hides the data values of %j', (message, redacted) => {
    expect(messageOf(message)).toBe(redacted);
    expect(messageOf(message)).not.toMatch(/alice|bob|99|300|2147483647/);
  });

  it('keeps messages that quote no data as they are', () => {
    const notNull = 'Constraint Error: NOT NULL constraint failed: p.email';
    const check =
      'Constraint Error: CHECK constraint failed on table p with expression CHECK((n > 0))';

    expect(messageOf(notNull)).toBe(notNull);
    expect(messageOf(check)).toBe(check);
  });

  it('hides server paths wherever they appear', () => {
    expect(
      messageOf(
        'Permission Error: Cannot access directory "/root/.duckdb/extensions/v1.5.6/linux_amd64" - file system operations are disabled by configuration',
      ),
    ).toBe(
      'Permission Error: Cannot access directory "<path>" - file system operations are disabled by configuration',
    );
    expect(
      messageOf(
        'Binder Error: Unique file handle conflict: Cannot attach "again" - the database file "/srv/meshwork/warehouse.duckdb" is already attached by database "warehouse"',
      ),
    ).not.toContain('/srv/meshwork');
    expect(
      messageOf(
        'IO Error: Cannot open file "/srv/meshwork/warehouse.duckdb.tmp/out.csv": No such file or directory',
      ),
    ).toBe('IO Error: Cannot open file "<path>": No such file or directory');
    expect(
      messageOf(
        "Invalid Input Error: read_text: could not read content of file '/srv/meshwork/warehouse.duckdb' as valid UTF-8 encoded text. You may want to use read_blob instead.",
      ),
    ).toBe(
      "Invalid Input Error: read_text: could not read content of file '…' as valid UTF-8 encoded text. You may want to use read_blob instead.",
    );
    expect(
      messageOf(
        'Permission Error: Cannot access file "C:\\meshwork\\warehouse.duckdb" - file system operations are disabled by configuration',
      ),
    ).not.toContain('meshwork');
  });

  /** DuckDB's excerpt: the line, and a caret under column `at`. */
  function excerpt(line: string, at: number): string {
    return `LINE 1: ${line}\n${' '.repeat('LINE 1: '.length + at)}^`;
  }

  it('hides paths in the statement excerpt and keeps the caret under its token', () => {
    const sql =
      "SELECT * FROM '/etc/hostname', 'file:///srv/x/y.csv' AS b JOIN nowhere";
    const message = messageOf(
      `Catalog Error: Table with name /etc/hostname does not exist!\n\n${excerpt(
        sql,
        sql.indexOf('nowhere'),
      )}`,
    );

    const [head, redacted] = message.split('\n\n');
    expect(head).toBe('Catalog Error: Table with name <path> does not exist!');
    const [line, caret] = redacted.split('\n');
    expect(line).toBe(
      "LINE 1: SELECT * FROM '<path>', '<path>' AS b JOIN nowhere",
    );
    expect(line.slice(caret.indexOf('^'))).toBe('nowhere');
  });

  it('moves a caret that pointed into a path to where the path was', () => {
    const sql = "SELECT * FROM read_text('/etc/hostname')";
    const message = messageOf(
      `Permission Error: Cannot access file "/etc/hostname"\n\n${excerpt(
        sql,
        sql.indexOf('hostname'),
      )}`,
    );

    const [line, caret] = message.split('\n\n')[1].split('\n');
    expect(line).toBe("LINE 1: SELECT * FROM read_text('<path>')");
    expect(line.slice(caret.indexOf('^'))).toBe("<path>')");
  });

  it('leaves division, comments, dates and URLs in the statement alone', () => {
    const message =
      "Binder Error: Referenced column \"x\" not found in FROM clause!\n\nLINE 1: SELECT a/b, 10 /2, '2024/01/02', 'https://example.com/a/b' /* note */ FROM t\n               ^";

    expect(messageOf(message)).toBe(message);
  });
});
