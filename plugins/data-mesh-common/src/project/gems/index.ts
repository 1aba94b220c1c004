import { aggregateGem } from './aggregate';
import { businessRuleGem } from './businessRule';
import { deduplicateGem } from './deduplicate';
import { filterGem } from './filter';
import { joinGem } from './join';
import { limitGem } from './limit';
import { maskGem } from './mask';
import { orderByGem } from './orderBy';
import { reformatGem } from './reformat';
import { sourceGem } from './source';
import { sqlGem } from './sql';
import { subgraphGem } from './subgraph';
import { targetGem } from './target';
import { unionGem } from './union';
import { windowGem } from './window';

/**
 * Every gem type, keyed by the `type` written in pipeline files. The order
 * is the editor palette's.
 *
 * @public
 */
export const gemDefinitions = {
  Source: sourceGem,
  Target: targetGem,
  Filter: filterGem,
  Reformat: reformatGem,
  Join: joinGem,
  Aggregate: aggregateGem,
  Window: windowGem,
  OrderBy: orderByGem,
  Deduplicate: deduplicateGem,
  Union: unionGem,
  Limit: limitGem,
  SQL: sqlGem,
  Mask: maskGem,
  BusinessRule: businessRuleGem,
  Subgraph: subgraphGem,
} as const;

export { JOIN_TYPES } from './join';
export type { GemConfigIssue, GemDefinition } from './types';
