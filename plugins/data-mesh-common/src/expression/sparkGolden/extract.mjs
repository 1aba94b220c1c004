#!/usr/bin/env node
/**
 * Extracts the single-expression cases of Spark's golden SQL tests into
 * cases.json, the fixture of sparkGolden.test.ts.
 *
 * Spark's SQLQueryTestSuite keeps, for every file of
 * `sql/core/src/test/resources/sql-tests/inputs/`, the schema and output
 * of each statement in `sql-tests/results/[ansi/]<name>.sql.out`:
 *
 *     -- !query
 *     SELECT round(2.5, 0)
 *     -- !query schema
 *     struct<round(2.5, 0):decimal(2,0)>
 *     -- !query output
 *     3
 *
 * and for a statement that fails, `struct<>` and an output that starts with
 * the exception's class, followed by a JSON object with its `errorClass`
 * (Spark 3.4 and later; `condition` in Spark 4), a `[ERROR_CLASS] message` line (3.3), or only a
 * message (earlier).
 *
 * A case is kept when the statement is `SELECT <expression> [AS name]`
 * with nothing after it (no FROM, WHERE, ...), no earlier statement of the
 * file changed the session (SET), and its output is one value on one line.
 * A `SELECT a, b, ...` of such expressions with one row of output gives one
 * case per expression.
 *
 * Offline and dependency-free. Download the .sql.out files first, keeping
 * their paths under `results/`, at the commits sources.txt lists, one
 * `<path under results/> <commit> [nonansi]` per line:
 *
 *     ansi/math.sql.out c190ef599871b7adfc780c07fcb9dfc2b76a7a45
 *     operators.sql.out 58532235f4def08650147e5a44ce54aee49a7339 nonansi
 *
 * A file marked `nonansi` holds results of Spark without ANSI mode; only
 * its cases whose result ANSI mode does not change are kept (see
 * sameUnderAnsi).
 *
 * then run, from this directory:
 *
 *     node extract.mjs /tmp/spark-golden > cases.json
 *
 * (a second argument names another list than sources.txt).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RESULTS = 'sql/core/src/test/resources/sql-tests/results';

/** The blocks of a .sql.out file: statement, schema and output text. */
export function parseGoldenFile(text) {
  const blocks = [];
  let current;
  let section;
  for (const line of text.split('\n')) {
    const marker = /^-- !query(?: \d+)?(?: (schema|output))?$/.exec(line);
    if (marker) {
      if (!marker[1]) {
        current = { sql: [], schema: [], output: [] };
        blocks.push(current);
        section = 'sql';
      } else {
        section = marker[1];
      }
      continue;
    }
    if (current) current[section].push(line);
  }
  return blocks.map(block => ({
    sql: block.sql.join('\n').trim(),
    schema: block.schema.join('\n').trim(),
    output: block.output.join('\n').replace(/\n+$/, ''),
  }));
}

/**
 * The expressions of a statement `SELECT <expression> [[AS] name], ...`
 * without any clause after them (FROM, WHERE, ...), aliases removed; or
 * undefined for any other statement.
 */
export function selectedExpressions(sql) {
  const statement = sql
    .split('\n')
    .filter(line => !/^\s*--/.test(line))
    .join('\n')
    .trim()
    .replace(/;\s*$/, '');
  const select = /^select\s+/i.exec(statement);
  if (!select) return undefined;
  const body = statement.slice(select[0].length);
  if (/^(distinct|all)\b|^\*/i.test(body)) return undefined;
  const words = topLevelWords(body);
  if (!words) return undefined;
  const clause = words.find(word =>
    /^(from|where|group|having|order|limit|union|intersect|except|window|lateral|sort|cluster|distribute|qualify)$/i.test(
      word.text,
    ),
  );
  if (clause) return undefined;
  const expressions = [];
  let start = 0;
  for (const comma of [
    ...words.filter(word => word.comma),
    { at: body.length },
  ]) {
    const item = body.slice(start, comma.at);
    expressions.push(withoutAlias(item, words, start));
    start = comma.at + 1;
  }
  return expressions.some(expression => expression === '')
    ? undefined
    : expressions;
}

/** `expr AS name` or ``expr AS `a b` `` as `expr`. */
function withoutAlias(item, words, offset) {
  const alias = /\s+as\s+(`[^`]*`|[A-Za-z_][A-Za-z0-9_]*)\s*$/i.exec(item);
  if (!alias) return item.trim();
  const aliasAt = offset + alias.index + alias[0].search(/as/i);
  return words.some(word => word.at === aliasAt)
    ? item.slice(0, alias.index).trim()
    : item.trim();
}

/**
 * The words and commas of `text` outside parentheses, brackets, quotes and
 * comments, with their offsets; undefined when they are unbalanced.
 */
function topLevelWords(text) {
  const words = [];
  let depth = 0;
  for (let i = 0; i < text.length; ) {
    const c = text[i];
    if (c === "'" || c === '"' || c === '`') {
      const end = closingQuote(text, i);
      if (end < 0) return undefined;
      i = end + 1;
    } else if (c === '(' || c === '[') {
      depth++;
      i++;
    } else if (c === ')' || c === ']') {
      depth--;
      if (depth < 0) return undefined;
      i++;
    } else if (c === ',' && depth === 0) {
      words.push({ text: ',', at: i, comma: true });
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))[0];
      if (depth === 0) words.push({ text: word, at: i });
      i += word.length;
    } else {
      i++;
    }
  }
  return depth === 0 ? words : undefined;
}

/** The offset of the quote closing the one at `start` (Spark's escapes). */
function closingQuote(text, start) {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\' && quote !== '`') {
      i++;
    } else if (text[i] === quote) {
      if (text[i + 1] === quote) {
        i++;
      } else {
        return i;
      }
    }
  }
  return -1;
}

/**
 * The types of the fields of `struct<name:type,...>`, or undefined when
 * they cannot be told apart. A field's name may hold any character, so the
 * fields are read from the end: a type is the text after the last colon
 * outside <> and (), its name runs back to the comma before.
 */
export function fieldTypes(schema) {
  const match = /^struct<(.*)>$/s.exec(schema);
  if (!match || match[1] === '') return undefined;
  const fields = match[1];
  const types = [];
  let depth = 0;
  let typeEnd = fields.length;
  let inName = false;
  for (let i = fields.length - 1; i >= 0; i--) {
    const c = fields[i];
    if (inName) {
      if (c === ',') {
        inName = false;
        typeEnd = i;
      }
    } else if (c === '>' || c === ')') {
      depth++;
    } else if (c === '<' || c === '(') {
      depth--;
    } else if (c === ':' && depth === 0) {
      types.unshift(fields.slice(i + 1, typeEnd));
      inName = true;
    }
  }
  return inName ? types : undefined;
}

/**
 * Spark's error for a failed statement: its error class (`DIVIDE_BY_ZERO`,
 * `ARITHMETIC_OVERFLOW.WITH_TRY_SUGGESTION`), else the exception's simple
 * class name, or undefined when the output is a value.
 */
export function errorOf(output) {
  const [first, ...rest] = output.split('\n');
  if (
    !/^(org\.apache\.spark|java|scala)\.[\w.$]*(Exception|Error)$/.test(first)
  ) {
    return undefined;
  }
  const body = rest.join('\n');
  const json = /"(?:errorClass|condition)"\s*:\s*"([A-Z0-9_.]+)"/.exec(body);
  if (json) return json[1];
  const bracketed = /^\[([A-Z0-9_.]+)\]/.exec(body);
  if (bracketed) return bracketed[1];
  return first.slice(first.lastIndexOf('.') + 1);
}

/**
 * The single-expression cases of one .sql.out file: one per expression of
 * a SELECT without FROM whose output is one row (a failing SELECT only
 * when it has one expression, since the error cannot be attributed).
 */
export function extractCases(text, source) {
  const cases = [];
  let sessionChanged = false;
  for (const block of parseGoldenFile(text)) {
    if (/^\s*(set|reset|use)\b/i.test(block.sql)) sessionChanged = true;
    if (sessionChanged) continue;
    const expressions = selectedExpressions(block.sql);
    if (expressions === undefined) continue;
    const error = errorOf(block.output);
    if (error !== undefined) {
      if (expressions.length === 1) {
        const [sql] = expressions;
        cases.push({ source, sql, sparkType: null, output: null, error });
      }
      continue;
    }
    const types = fieldTypes(block.schema);
    if (block.output.includes('\n')) continue;
    const values = block.output.split('\t');
    if (
      types?.length !== expressions.length ||
      values.length !== expressions.length
    ) {
      continue;
    }
    expressions.forEach((sql, i) =>
      cases.push({ source, sql, sparkType: types[i], output: values[i] }),
    );
  }
  return cases;
}

/**
 * Whether a result of Spark without ANSI mode is also its result with it.
 * Without ANSI mode Spark returns NULL where ANSI mode raises an error at
 * run time (division by zero, invalid casts); parse and analysis errors
 * and other values do not depend on the mode.
 */
function sameUnderAnsi(golden) {
  if (golden.error)
    return /^(AnalysisException|ParseException)$/.test(golden.error);
  return golden.output !== 'NULL';
}

function main(directory, sourcesFile) {
  const sources = readFileSync(sourcesFile, 'utf8')
    .split('\n')
    .map(line => line.trim())
    .filter(line => line && !line.startsWith('#'))
    .map(line => line.split(/\s+/));
  const cases = [];
  for (const [path, commit, mode] of sources) {
    const text = readFileSync(join(directory, path), 'utf8');
    const extracted = extractCases(
      text,
      `${RESULTS}/${path}@${commit.slice(0, 7)}`,
    );
    cases.push(
      ...(mode === 'nonansi' ? extracted.filter(sameUnderAnsi) : extracted),
    );
  }
  process.stdout.write(`${JSON.stringify(cases, null, 2)}\n`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1])) {
  main(
    process.argv[2] ?? '.',
    process.argv[3] ?? fileURLToPath(new URL('sources.txt', import.meta.url)),
  );
}
