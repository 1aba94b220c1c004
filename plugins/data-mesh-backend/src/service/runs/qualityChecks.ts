import {
  DatasetQualityCheck,
  evaluateQualityResult,
  QualityOutcome,
  QualityResultRow,
  qualityErrorOutcome,
} from '@meshwork/data-mesh-common';
import { QueryControl, WarehouseEngine } from '@meshwork/data-mesh-node';

/**
 * Runs one contract rule's check on the engine and judges its result. A
 * check that cannot be written or that the engine rejects is an `error`
 * result rather than a failed run: the data was written, only its check
 * is in doubt. Stopping the run still stops the check.
 */
export async function runQualityCheck(
  engine: WarehouseEngine,
  check: DatasetQualityCheck,
  control: QueryControl,
): Promise<QualityOutcome> {
  if (check.sql === undefined) return qualityErrorOutcome(check.problem);
  try {
    const result = await engine.run(check.sql, { maxRows: 1, ...control });
    const value = (column: keyof QualityResultRow) => {
      const index = result.columns.findIndex(c => c.name === column);
      return index < 0 ? undefined : result.rows[0]?.[index];
    };
    return evaluateQualityResult(check.rule, {
      checked_rows: value('checked_rows'),
      failing_rows: value('failing_rows'),
      observed: value('observed'),
    });
  } catch (error) {
    if (control.signal?.aborted) throw error;
    return qualityErrorOutcome(
      `the check failed: ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  }
}
