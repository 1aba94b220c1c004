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

/**
 * How much of the rank usage can add: a product nobody subscribes to keeps
 * three quarters of what its reliability gives it.
 */
const USAGE_WEIGHT = 0.25;

/** The number of subscribing teams at which usage counts half. */
const HALF_USAGE_SUBSCRIBERS = 3;

/** The facts a data product's rank is computed from. @public */
export interface RankInputs {
  /** Share of quality rules whose latest result passed; undefined if none ran. */
  qualityScore: number | undefined;
  freshnessStatus: FreshnessStatus;
  /** How many teams hold an approved subscription; 0 when left out. */
  subscribers?: number;
}

/**
 * How far a consumer can rely on a data product and how widely it is used,
 * from 0 to 1, so that widely used products of good quality come first.
 *
 * Reliability is the quality score times a freshness factor (fresh 1,
 * unknown 0.75, stale 0.5). Usage, the subscribing teams `n` as
 * `n / (n + 3)`, grows with every subscriber but never reaches 1, and
 * scales reliability between 0.75 (no subscriber) and 1: usage orders
 * products of like reliability, but a stale or failing product stays below
 * a fresh, passing one however many teams use it.
 * @public
 */
export function dataProductRank({
  qualityScore,
  freshnessStatus,
  subscribers = 0,
}: RankInputs): number {
  const quality = qualityScore ?? UNMEASURED_QUALITY;
  const reliability = quality * FRESHNESS_FACTOR[freshnessStatus];
  const teams = Math.max(0, subscribers);
  const usage = teams / (teams + HALF_USAGE_SUBSCRIBERS);
  const rank = reliability * (1 - USAGE_WEIGHT + USAGE_WEIGHT * usage);
  return Math.round(rank * 100) / 100;
}
