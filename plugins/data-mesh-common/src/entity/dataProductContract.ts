import type { ManifestDataset, ManifestProject } from '../manifest';
import { datasetToOdcs, OdcsQuality } from '../odcs';
import { RULE_INDEX_PROPERTY } from '../odcs/quality';
import { qualityRuleKeys, qualityRuleLabel } from '../quality';
import type {
  DataProductContract,
  DataProductQualityRule,
} from './DataProductEntityV1alpha1';

/**
 * The custom property of a contract's quality rule that holds the rule's
 * stable key (`not_null:email`, see `qualityRuleKeys`), under which the
 * results of its runs are stored: ODCS ids may not contain `:` or `,`.
 * @public
 */
export const RULE_KEY_PROPERTY = 'meshworkRuleKey';

/**
 * The key a contract's quality rule stores its results under: the custom
 * property {@link RULE_KEY_PROPERTY} the provider writes, else the rule's
 * ODCS `id` (a contract written by hand may use that).
 * @public
 */
export function dataProductRuleKey(
  rule: DataProductQualityRule,
): string | undefined {
  const properties = Array.isArray(rule.customProperties)
    ? rule.customProperties
    : [];
  for (const property of properties) {
    if (
      property &&
      typeof property === 'object' &&
      !Array.isArray(property) &&
      property.property === RULE_KEY_PROPERTY &&
      typeof property.value === 'string'
    ) {
      return property.value;
    }
  }
  return rule.id;
}

/**
 * The ODCS-shaped contract of a dataset's DataProduct: the schema and SLA
 * of the dataset's ODCS export (`datasetToOdcs`), so that the entity shows
 * exactly the contract a consumer downloads: one schema object for the
 * table, a property per column with its logical and physical type,
 * description, classification, tags, the formula and source columns that
 * derive it, and its quality rules; rules about several columns or the
 * table on the object; the freshness SLA. Each rule also gets its label as
 * `name` and its stable key as a custom property ({@link RULE_KEY_PROPERTY}),
 * for showing it with its results.
 */
export function dataProductContract(
  dataset: ManifestDataset,
  project: ManifestProject | undefined,
): DataProductContract {
  const odcs = datasetToOdcs({ dataset, project });
  const rules = dataset.contract.quality ?? [];
  const keys = qualityRuleKeys(rules);
  const named = (quality: OdcsQuality[] | undefined) =>
    quality?.map(rule => {
      const index = rule.customProperties?.find(
        p => p.property === RULE_INDEX_PROPERTY,
      )?.value;
      if (typeof index !== 'number' || !rules[index]) return rule;
      return {
        name: qualityRuleLabel(rules[index]),
        ...rule,
        customProperties: [
          ...(rule.customProperties ?? []),
          { property: RULE_KEY_PROPERTY, value: keys[index] },
        ],
      };
    });

  const contract = {
    schema: odcs.schema?.map(object => ({
      ...object,
      ...(object.quality && { quality: named(object.quality) }),
      properties: object.properties?.map(property => ({
        ...property,
        ...(property.quality && { quality: named(property.quality) }),
      })),
    })),
    ...(odcs.slaProperties && { slaProperties: odcs.slaProperties }),
  };
  // The ODCS types allow any value where the entity wants JSON; the
  // document is plain JSON, and the catalog validates the entity.
  return contract as DataProductContract;
}
