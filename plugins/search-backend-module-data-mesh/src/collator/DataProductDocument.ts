import { IndexableDocument } from '@backstage/plugin-search-common';
import { FreshnessStatus } from '../facts/DataProductFacts';

/** The search document type of data products. @public */
export const DATA_PRODUCT_DOCUMENT_TYPE = 'data-product';

/**
 * A DataProduct in the search index: what a result item shows (owner,
 * layer, domain, freshness, quality) and filters on. Every field is always
 * present, `null` when unknown, because the Lunr engine only indexes the
 * fields of the first document it sees.
 * @public
 */
export interface DataProductDocument extends IndexableDocument {
  kind: 'DataProduct';
  namespace: string;
  name: string;
  /** Entity ref of the owning team, as the entity writes it. */
  owner: string;
  domain: string | null;
  layer: string;
  visibility: string;
  lifecycle: string;
  /** The contract's freshness SLA in hours; null when it sets none. */
  freshnessSlaHours: number | null;
  containsPii: boolean;
  /** The last write held against the SLA, as the data-mesh backend reports it. */
  freshnessStatus: FreshnessStatus;
  /** Share (0 to 1) of quality rules whose latest result passed; null before any ran. */
  qualityScore: number | null;
  /** How many teams hold an approved subscription (the entity's consumers). */
  subscribers: number;
  /**
   * How far a consumer can rely on the product and how widely it is used
   * (0 to 1), see `dataProductRank`; what result lists sort on.
   */
  rank: number;
}
