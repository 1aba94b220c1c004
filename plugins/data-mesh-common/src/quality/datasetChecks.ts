import type { SqlDialectName } from '../dialect';
import type { DatasetFile, QualityRule } from '../project/schema/dataset';
import { qualityRuleKeys, qualityRuleLabel } from './label';
import { qualityCheckQuery, QualityCheckQuery } from './query';

/**
 * One rule of a dataset's contract, ready to run.
 *
 * @public
 */
export type DatasetQualityCheck = QualityCheckQuery & {
  /** Stable id to store results under; see {@link qualityRuleKeys}. */
  readonly key: string;
  readonly label: string;
  readonly rule: QualityRule;
};

/** Columns whose values must not be shown as examples in check results. */
const SENSITIVE = new Set(['pii', 'confidential']);

/**
 * The checks of every quality rule of a dataset's contract, on its table.
 * Custom SQL may refer to the table by the dataset's name, and no example
 * values of personal or confidential columns are collected. Takes a dataset
 * file or the manifest's description of one (`datasets[]`).
 *
 * @public
 */
export function datasetQualityChecks(
  dataset: Pick<DatasetFile, 'name' | 'table' | 'contract'>,
  dialect: SqlDialectName,
  options: { readonly now?: Date } = {},
): DatasetQualityCheck[] {
  const rules = dataset.contract.quality ?? [];
  const keys = qualityRuleKeys(rules);
  const sensitive = new Set(
    dataset.contract.columns
      .filter(column => SENSITIVE.has(column.classification ?? 'public'))
      .map(column => column.name),
  );
  return rules.map((rule, index) => {
    const columns = checkedColumns(rule);
    const query = qualityCheckQuery(rule, dataset.table, dialect, {
      now: options.now,
      datasetName: dataset.name,
      examples: !columns.some(column => sensitive.has(column)),
    });
    return {
      ...query,
      key: keys[index],
      label: qualityRuleLabel(rule),
      rule,
    };
  });
}

function checkedColumns(rule: QualityRule): readonly string[] {
  if (rule.check === 'unique') return rule.columns;
  return 'column' in rule ? [rule.column] : [];
}
