import type { SqlDialectName } from '../../dialect';
import { quoteIdentifier } from '../../expression';

/**
 * Indents every non-empty line by `depth` levels of two spaces, including
 * the continuation lines of an entry that spans several (a multi-line CASE;
 * rendered literals never contain a line break).
 */
export function indent(lines: readonly string[], depth = 1): string[] {
  const pad = '  '.repeat(depth);
  return lines.map(entry =>
    entry
      .split('\n')
      .map(line => (line === '' ? line : `${pad}${line}`))
      .join('\n'),
  );
}

/**
 * A select list, one item per line: `SELECT` alone on its line, then the
 * items indented and separated by commas.
 */
export function selectList(items: readonly string[]): string[] {
  return [
    'SELECT',
    ...indent(
      items.map((item, i) => (i < items.length - 1 ? `${item},` : item)),
    ),
  ];
}

/**
 * `sql AS name`, or just `sql` when it already is the column `name`
 * (a pass-through column needs no alias).
 */
export function aliased(
  sql: string,
  name: string,
  dialect: SqlDialectName,
): string {
  const quoted = quoteIdentifier(name, dialect);
  return sql === quoted ? sql : `${sql} AS ${quoted}`;
}

/** A dotted table name with each part quoted as needed: `bronze.orders`. */
export function qualifiedName(name: string, dialect: SqlDialectName): string {
  return name
    .split('.')
    .map(part => quoteIdentifier(part, dialect))
    .join('.');
}

/** The SQL comment lines for `text` (which must not span lines). */
export function comment(text: string): string {
  return `-- ${text.replace(/[\r\n]+/g, ' ')}`;
}
