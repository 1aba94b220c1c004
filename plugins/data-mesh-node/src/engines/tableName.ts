import { sqlDialect, SqlDialectName } from '@meshwork/data-mesh-common';
import { QuerySyntaxError } from './errors';

/**
 * A table as output ports and gems name it: `total_sales`, `gold.total_sales`
 * or `main.gold.total_sales`. Parts left out are the engine's current catalog
 * and schema.
 *
 * @public
 */
export interface TableName {
  catalog?: string;
  schema?: string;
  name: string;
}

/**
 * Splits `[catalog.][schema.]table` into its parts.
 *
 * @throws QuerySyntaxError when a part is empty or there are more than three.
 * @public
 */
export function parseTableName(text: string): TableName {
  const parts = text.split('.');
  if (parts.length > 3 || parts.some(part => part.trim() === '')) {
    throw new QuerySyntaxError(
      `'${text}' is not a table name; write table, schema.table or catalog.schema.table`,
    );
  }
  const name = parts.pop()!;
  const schema = parts.pop();
  const catalog = parts.pop();
  return {
    ...(catalog !== undefined && { catalog }),
    ...(schema !== undefined && { schema }),
    name,
  };
}

/**
 * The table's name in `dialect`, each part quoted when it needs to be:
 * `gold."order"` in DuckDB, gold.\`order\` (backticks) in Spark.
 *
 * @public
 */
export function renderTableName(
  table: TableName,
  dialect: SqlDialectName,
): string {
  const { quoteIdentifier } = sqlDialect(dialect);
  return [table.catalog, table.schema, table.name]
    .filter((part): part is string => part !== undefined)
    .map(part => quoteIdentifier(part))
    .join('.');
}
