/**
 * Data contract quality checks: the SQL that checks each rule of a
 * dataset's contract on the warehouse after a write, the judgement of its
 * result, and the dataset's freshness against its SLA. See
 * docs/quality-checks.md.
 */
export type { QualityCheckQuery, QualityCheckQueryOptions } from './query';
export { QUALITY_EXAMPLE_LIMIT, qualityCheckQuery } from './query';
export type { QualityOutcome, QualityResultRow } from './evaluate';
export { evaluateQualityResult, qualityErrorOutcome } from './evaluate';
export { qualityRuleKey, qualityRuleKeys, qualityRuleLabel } from './label';
export type { FreshnessStatus } from './freshness';
export { freshnessStatus } from './freshness';
export type { DatasetQualityCheck } from './datasetChecks';
export { datasetQualityChecks } from './datasetChecks';
