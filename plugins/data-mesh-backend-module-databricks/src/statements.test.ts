import { leadingKeyword, splitStatements } from './statements';

describe('splitStatements', () => {
  it('splits at semicolons outside literals and comments', () => {
    expect(
      splitStatements(`
        SELECT 'a;b' AS s, "c;d" AS t, \`e;f\` FROM x;
        -- a comment; not a statement
        INSERT INTO y VALUES ('it\\'s;'), ('x''y;');
        /* a; /* nested; */ comment; */ DELETE FROM z;;
      `),
    ).toEqual([
      'SELECT \'a;b\' AS s, "c;d" AS t, `e;f` FROM x',
      "-- a comment; not a statement\n        INSERT INTO y VALUES ('it\\'s;'), ('x''y;')",
      '/* a; /* nested; */ comment; */ DELETE FROM z',
    ]);
  });

  it('keeps doubled backquotes inside an identifier', () => {
    expect(splitStatements('SELECT 1 AS `a``;b`; SELECT 2')).toEqual([
      'SELECT 1 AS `a``;b`',
      'SELECT 2',
    ]);
  });

  it('leaves out statements that are only comments or blank', () => {
    expect(splitStatements('  ;\n-- nothing here;\n/* nor; here */ ;')).toEqual(
      [],
    );
    expect(splitStatements('SELECT 1 -- trailing; comment')).toEqual([
      'SELECT 1 -- trailing; comment',
    ]);
  });

  it('runs an unterminated literal to the end instead of splitting it', () => {
    expect(splitStatements("SELECT 'open; SELECT 2")).toEqual([
      "SELECT 'open; SELECT 2",
    ]);
  });
});

describe('leadingKeyword', () => {
  it('finds the first keyword after comments and parentheses', () => {
    expect(leadingKeyword('-- note\n/* x */ ((select 1))')).toBe('SELECT');
    expect(leadingKeyword('WITH a AS (SELECT 1) SELECT * FROM a')).toBe('WITH');
    expect(leadingKeyword('  drop table x')).toBe('DROP');
  });

  it('finds none where the statement starts with something else', () => {
    expect(leadingKeyword("'text'")).toBeUndefined();
    expect(leadingKeyword('-- only a comment')).toBeUndefined();
    expect(leadingKeyword('1 + 1')).toBeUndefined();
  });
});
