import { sqlDialect } from '@meshwork/data-mesh-common';
import {
  parseTableName,
  QuerySyntaxError,
  TableReadGrant,
} from '@meshwork/data-mesh-node';

const spark = sqlDialect('spark');

/** Always quoted: a group or column name is whatever a person typed. */
const quote = (name: string) => spark.quoteIdentifier(name, 'always');

/**
 * Names that cannot be quoted into something else: no control characters
 * (a newline or NUL ends a statement in some clients' logs and parsers),
 * and of a length Unity Catalog accepts.
 */
function checkName(kind: string, name: string): void {
  if (
    name.trim() === '' ||
    name.length > 255 ||
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f]/.test(name)
  ) {
    throw new QuerySyntaxError(
      `${kind} ${JSON.stringify(name)} is not a name the warehouse can grant to`,
    );
  }
}

/**
 * The part of a view's name that stands for a group: lower case (Unity
 * Catalog names are case-insensitive), letters and digits kept, every other
 * character spelled out so that two groups never share a view —
 * `finance-insights` → `finance_insights`, `finance_insights` →
 * `finance__insights`, anything else as `_x<hex>_`.
 */
function groupSlug(group: string): string {
  return [...group.toLocaleLowerCase('en-US')]
    .map(char => {
      if (/[a-z0-9]/.test(char)) return char;
      if (char === '-') return '_';
      if (char === '_') return '__';
      return `_x${char.codePointAt(0)!.toString(16)}_`;
    })
    .join('');
}

/** `catalog.schema.table` with every part quoted. */
function quotedTable(parts: ReadonlyArray<string | undefined>): string {
  return parts
    .filter((part): part is string => part !== undefined)
    .map(quote)
    .join('.');
}

/** The view that holds the granted columns: `<table>__<group>_v`, next to the table. */
export function grantViewName(grant: TableReadGrant): string {
  const { catalog, schema, name } = parseTableName(grant.table);
  return quotedTable([catalog, schema, `${name}__${groupSlug(grant.group)}_v`]);
}

function checked(grant: TableReadGrant) {
  checkName('group', grant.group);
  const table = parseTableName(grant.table);
  [table.catalog, table.schema, table.name].forEach(part => {
    if (part !== undefined) checkName('table', part);
  });
  const columns = grant.columns && [...new Set(grant.columns)];
  if (columns?.length === 0) {
    throw new QuerySyntaxError('a column grant needs at least one column');
  }
  columns?.forEach(column => checkName('column', column));
  return {
    table: quotedTable([table.catalog, table.schema, table.name]),
    group: quote(grant.group),
    columns,
  };
}

/**
 * The statements that let a group read a table: `GRANT SELECT` on the
 * table itself, or for some of its columns a view of just those columns
 * and `GRANT SELECT` on the view. `CREATE OR REPLACE` makes a changed
 * column set a repeat of the same statements.
 */
export function grantReadStatements(grant: TableReadGrant): string[] {
  const { table, group, columns } = checked(grant);
  if (!columns) return [`GRANT SELECT ON TABLE ${table} TO ${group}`];
  const view = grantViewName(grant);
  return [
    `CREATE OR REPLACE VIEW ${view} AS SELECT ${columns
      .map(quote)
      .join(', ')} FROM ${table}`,
    `GRANT SELECT ON TABLE ${view} TO ${group}`,
  ];
}

/**
 * The statements that take back what {@link grantReadStatements} gave:
 * `REVOKE` on the table, or on the view and then the view itself.
 * Revoking what was never granted, and dropping a view already gone, are
 * no errors, so a revoke can be repeated after a failure.
 */
export function revokeReadStatements(grant: TableReadGrant): string[] {
  const { table, group, columns } = checked(grant);
  if (!columns) return [`REVOKE SELECT ON TABLE ${table} FROM ${group}`];
  const view = grantViewName(grant);
  return [
    `REVOKE SELECT ON TABLE ${view} FROM ${group}`,
    `DROP VIEW IF EXISTS ${view}`,
  ];
}
