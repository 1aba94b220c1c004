import {
  ANNOTATION_DATA_PROJECT,
  ANNOTATION_DATASET,
  containsPii,
  DataProductEntity,
  freshnessSlaHours,
} from '@meshwork/data-mesh-common';
import { DatasetKey, DataProductFacts } from '../facts/DataProductFacts';
import { DataProductDocument } from './DataProductDocument';
import { dataProductRank } from './rank';

/**
 * What a consumer searches a product by: its description, then each
 * column's name and description, so a search for `net_amount` or "revenue
 * after discounts" finds the product that has that column.
 */
export function dataProductText(entity: DataProductEntity): string {
  const columns = (entity.spec.contract?.schema ?? []).flatMap(
    object => object.properties ?? [],
  );
  return [
    entity.metadata.description,
    ...columns.map(c =>
      c.description ? `${c.name}: ${c.description}` : c.name,
    ),
  ]
    .filter(Boolean)
    .join(' : ');
}

/** The product's dataset in the data-mesh API, from its annotations. */
export function datasetKeyOf(
  entity: DataProductEntity,
): DatasetKey | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const project = annotations[ANNOTATION_DATA_PROJECT];
  const dataset = annotations[ANNOTATION_DATASET];
  return project && dataset ? { project, dataset } : undefined;
}

/**
 * The search document of a DataProduct, without its location and
 * authorization (the collator adds those).
 */
export async function toDataProductDocument(
  entity: DataProductEntity,
  facts: DataProductFacts,
): Promise<Omit<DataProductDocument, 'location' | 'authorization'>> {
  const key = datasetKeyOf(entity);
  const freshnessStatus = key ? facts.freshness(key) : 'unknown';
  const qualityScore = key ? await facts.qualityScore(key) : undefined;
  const { spec, metadata } = entity;
  const subscribers = spec.consumers?.length ?? 0;
  return {
    title: metadata.title ?? metadata.name,
    text: dataProductText(entity),
    kind: 'DataProduct',
    namespace: metadata.namespace ?? 'default',
    name: metadata.name,
    owner: spec.owner,
    domain: spec.domain ?? null,
    layer: spec.layer,
    visibility: spec.visibility,
    lifecycle: spec.lifecycle,
    freshnessSlaHours: freshnessSlaHours(spec.contract) ?? null,
    containsPii: containsPii(entity),
    freshnessStatus,
    qualityScore: qualityScore ?? null,
    subscribers,
    rank: dataProductRank({ qualityScore, freshnessStatus, subscribers }),
  };
}
