import {
  dataProductRuleKey,
  type DataProductContract,
} from '@meshwork/data-mesh-common';
import type { DataMeshApi, QualityResult } from '../../api';
import {
  declaredQualityRules,
  describeQualityRule,
} from '../DataProductEntity';
import type { ProjectDataset } from '../DataProductHealthCard/useMeasuredHealth';

/** The page size of the quality API at most. */
const PAGE_SIZE = 500;
/**
 * How far back the tab reads: four rules checked daily fill it in over a
 * year, and the chart would not show more points legibly anyway.
 */
export const MAX_RESULTS = 2000;

/** The newest quality results of a dataset, newest first, across pages. */
export async function loadQualityResults(
  api: Pick<DataMeshApi, 'listQualityResults'>,
  { project, dataset }: ProjectDataset,
  maxResults: number = MAX_RESULTS,
): Promise<QualityResult[]> {
  const results: QualityResult[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.listQualityResults({
      project,
      dataset,
      limit: Math.min(PAGE_SIZE, maxResults - results.length),
      ...(cursor && { cursor }),
    });
    results.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && results.length < maxResults);
  return results;
}

/** A rule as the chart's rows name it. */
export interface RuleRow {
  key: string;
  label: string;
}

/**
 * The rules to chart, in contract order, then any measured rule the
 * contract no longer declares (its history still matters). A rule is named
 * as the contract describes it, else as the backend labelled its results.
 */
export function ruleRows(
  contract: DataProductContract | undefined,
  results: QualityResult[],
): RuleRow[] {
  const rows = new Map<string, RuleRow>();
  for (const { rule } of declaredQualityRules(contract)) {
    const key = dataProductRuleKey(rule);
    if (key) {
      rows.set(key, { key, label: describeQualityRule(rule) });
    }
  }
  // Oldest first, so the label of a rule's latest result wins.
  const measured = new Map<string, string>();
  for (const result of [...results].reverse()) {
    measured.set(result.ruleKey, result.ruleLabel);
  }
  for (const [key, label] of measured) {
    if (!rows.has(key)) {
      rows.set(key, { key, label });
    }
  }
  return [...rows.values()];
}

/** One check of one rule, as a point of the chart. */
export interface ResultPoint {
  time: number;
  rule: string;
  status: QualityResult['status'];
  result: QualityResult;
}

/** The results as chart points, oldest first, on the rows' labels. */
export function resultPoints(
  rows: RuleRow[],
  results: QualityResult[],
): ResultPoint[] {
  const labels = new Map(rows.map(row => [row.key, row.label]));
  return results
    .map(result => ({
      time: new Date(result.evaluatedAt).getTime(),
      rule: labels.get(result.ruleKey) ?? result.ruleLabel,
      status: result.status,
      result,
    }))
    .sort((a, b) => a.time - b.time);
}

/** What a failed check found, e.g. `12 of 480 rows fail` or `observed 0`. */
export function failureFinding(result: QualityResult): string {
  const found: string[] = [];
  if (result.failingRows !== undefined) {
    found.push(
      result.checkedRows !== undefined
        ? `${result.failingRows} of ${result.checkedRows} rows fail`
        : `${result.failingRows} failing ${
            result.failingRows === 1 ? 'row' : 'rows'
          }`,
    );
  }
  if (result.observed !== undefined) {
    found.push(`observed ${result.observed}`);
  }
  return found.join(', ');
}
