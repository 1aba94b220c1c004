/**
 * A stretch of Spark SQL text: code, or a literal the code must not be
 * read into. `text` keeps the quotes and comment markers.
 */
export interface SqlSegment {
  kind: 'code' | 'string' | 'identifier' | 'comment';
  text: string;
}

/**
 * Cuts Spark SQL into code, string literals (`'…'` and `"…"`, both strings
 * in Spark, with backslash escapes), backquoted identifiers (`` `…` ``,
 * doubled backquotes inside) and comments (`-- …` to the end of the line,
 * `/* … *\/` nested as Spark nests them). An unterminated literal or
 * comment runs to the end of the text; Databricks reports it when it parses.
 */
export function sqlSegments(sql: string): SqlSegment[] {
  const segments: SqlSegment[] = [];
  let code = '';
  let i = 0;
  const push = (kind: SqlSegment['kind'], end: number) => {
    if (code) segments.push({ kind: 'code', text: code });
    code = '';
    segments.push({ kind, text: sql.slice(i, end) });
    i = end;
  };
  while (i < sql.length) {
    const char = sql[i];
    const next = sql[i + 1];
    if (char === "'" || char === '"') {
      push('string', endOfString(sql, i));
    } else if (char === '`') {
      push('identifier', endOfIdentifier(sql, i));
    } else if (char === '-' && next === '-') {
      const newline = sql.indexOf('\n', i);
      push('comment', newline === -1 ? sql.length : newline);
    } else if (char === '/' && next === '*') {
      push('comment', endOfBlockComment(sql, i));
    } else {
      code += char;
      i++;
    }
  }
  if (code) segments.push({ kind: 'code', text: code });
  return segments;
}

/**
 * The statements of a script, in order, without the `;` between them.
 * Statements holding nothing but comments and white space are left out:
 * Databricks runs one statement per request and rejects empty ones.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current: SqlSegment[] = [];
  const finish = () => {
    if (current.some(({ kind, text }) => kind !== 'comment' && text.trim())) {
      statements.push(
        current
          .map(segment => segment.text)
          .join('')
          .trim(),
      );
    }
    current = [];
  };
  for (const segment of sqlSegments(sql)) {
    if (segment.kind !== 'code') {
      current.push(segment);
      continue;
    }
    const [first, ...rest] = segment.text.split(';');
    if (first) current.push({ kind: 'code', text: first });
    for (const part of rest) {
      finish();
      if (part) current.push({ kind: 'code', text: part });
    }
  }
  finish();
  return statements;
}

/**
 * The first keyword of a statement, upper-cased, skipping comments and
 * opening parentheses: `SELECT` for `(SELECT 1)`, `WITH` for a CTE query.
 */
export function leadingKeyword(sql: string): string | undefined {
  for (const segment of sqlSegments(sql)) {
    if (segment.kind === 'comment') continue;
    if (segment.kind !== 'code') return undefined;
    const match = /^[\s(]*([A-Za-z_]+)?/.exec(segment.text);
    if (match?.[1]) return match[1].toUpperCase();
    if (segment.text.replace(/[\s(]/g, '') !== '') return undefined;
  }
  return undefined;
}

function endOfString(sql: string, start: number): number {
  const quote = sql[start];
  for (let i = start + 1; i < sql.length; i++) {
    if (sql[i] === '\\') i++;
    else if (sql[i] === quote) return i + 1;
  }
  return sql.length;
}

function endOfIdentifier(sql: string, start: number): number {
  for (let i = start + 1; i < sql.length; i++) {
    if (sql[i] !== '`') continue;
    if (sql[i + 1] === '`') i++;
    else return i + 1;
  }
  return sql.length;
}

function endOfBlockComment(sql: string, start: number): number {
  let depth = 0;
  for (let i = start; i < sql.length; i++) {
    if (sql[i] === '/' && sql[i + 1] === '*') {
      depth++;
      i++;
    } else if (sql[i] === '*' && sql[i + 1] === '/') {
      depth--;
      i++;
      if (depth === 0) return i + 1;
    }
  }
  return sql.length;
}
