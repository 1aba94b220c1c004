import { FreshnessStatus } from '../facts/DataProductFacts';

/**
 * What a missing measurement counts as: halfway, so that a product nobody
 * has measured ranks below a measured good one and above a measured bad one.
 */
const UNMEASURED_QUALITY = 0.5;

const FRESHNESS_FACTOR: Record<FreshnessStatus, number> = {
  fresh: 1,
  unknown: 0.75,
  stale: 0.5,
};

/** The facts a data product's rank is computed from. @public */
export interface RankInputs {
  /** Share of quality rules whose latest result passed; undefined if none ran. */
  qualityScore: number | undefined;
  freshnessStatus: FreshnessStatus;
}

/**
 * How much a consumer can rely on a data product, from 0 to 1: its quality
 * score times a freshness factor (fresh 1, unknown 0.75, stale 0.5).
 *
 * Usage (subscribers, recent reads) belongs in the rank too, as the white
 * paper asks for widely used products first, but the portal records no
 * usage yet; it joins the formula when subscriptions do.
 * @public
 */
export function dataProductRank({
  qualityScore,
  freshnessStatus,
}: RankInputs): number {
  const quality = qualityScore ?? UNMEASURED_QUALITY;
  return Math.round(quality * FRESHNESS_FACTOR[freshnessStatus] * 100) / 100;
}
