import type { BilledUsage, WarehouseEngine } from '@meshwork/data-mesh-node';

/** The system table Databricks bills usage in. */
export const BILLING_USAGE_TABLE = 'system.billing.usage';

/** Runs per query: keeps the statement and its answer small. */
const RUNS_PER_QUERY = 200;

/** A Spark SQL string literal; only quotes and backslashes need escaping. */
function sqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*){0,2}$/;

/**
 * The statement that sums the DBUs billed to each of the job runs.
 * `usage_metadata.job_run_id` is a string in the system table.
 */
export function billedUsageQuery(
  externalRunIds: readonly string[],
  table: string = BILLING_USAGE_TABLE,
): string {
  if (!TABLE_NAME.test(table)) {
    throw new TypeError(
      `The billing table must be a plain table name, got '${table}'`,
    );
  }
  return [
    'SELECT usage_metadata.job_run_id AS job_run_id, sum(usage_quantity) AS dbus',
    `FROM ${table}`,
    `WHERE usage_unit = 'DBU' AND usage_metadata.job_run_id IN (${externalRunIds
      .map(sqlString)
      .join(', ')})`,
    'GROUP BY 1',
  ].join('\n');
}

/**
 * Reads the DBUs billed to job runs from the billing system table through
 * a SQL warehouse. Rows arrive there hours after a run: a run without rows
 * yet is simply not in the answer.
 */
export async function fetchBilledUsage(
  engine: WarehouseEngine,
  externalRunIds: readonly string[],
  options: { table?: string; timeoutMs?: number } = {},
): Promise<BilledUsage[]> {
  const unique = [...new Set(externalRunIds)];
  if (unique.length === 0) return [];
  const usage: BilledUsage[] = [];
  for (let start = 0; start < unique.length; start += RUNS_PER_QUERY) {
    const batch = unique.slice(start, start + RUNS_PER_QUERY);
    const result = await engine.run(billedUsageQuery(batch, options.table), {
      maxRows: batch.length,
      timeoutMs: options.timeoutMs ?? 120_000,
    });
    const runColumn = result.columns.findIndex(c => c.name === 'job_run_id');
    const dbusColumn = result.columns.findIndex(c => c.name === 'dbus');
    for (const row of result.rows) {
      const dbus = Number(row[dbusColumn]);
      const externalRunId = row[runColumn];
      if (typeof externalRunId !== 'string' || !Number.isFinite(dbus)) {
        continue;
      }
      usage.push({ externalRunId, dbus });
    }
  }
  return usage;
}
