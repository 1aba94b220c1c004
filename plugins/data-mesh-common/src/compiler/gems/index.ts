import type { PipelineNode } from '../../project';
import { propagateAggregate } from './aggregate';
import { propagateBusinessRule } from './businessRule';
import { propagateMask, propagateSql } from './declared';
import { propagateFilter } from './filter';
import type { GemPropagator } from './gem';
import { propagateJoin } from './join';
import {
  propagateDeduplicate,
  propagateLimit,
  propagateOrderBy,
} from './passThrough';
import { propagateReformat } from './reformat';
import { propagateSource } from './source';
import { propagateTarget } from './target';
import { propagateUnion } from './union';
import { propagateWindow } from './window';

type Propagators = {
  [T in PipelineNode['type']]?: GemPropagator<
    Extract<PipelineNode, { type: T }>
  >;
};

/**
 * The schema propagation of each gem type. Subgraph is handled by the
 * propagator itself, since it recurses into another graph.
 */
export const gemPropagators: Propagators = {
  Source: propagateSource,
  Target: propagateTarget,
  Filter: propagateFilter,
  Reformat: propagateReformat,
  Join: propagateJoin,
  Aggregate: propagateAggregate,
  Window: propagateWindow,
  OrderBy: propagateOrderBy,
  Deduplicate: propagateDeduplicate,
  Union: propagateUnion,
  Limit: propagateLimit,
  SQL: propagateSql,
  Mask: propagateMask,
  BusinessRule: propagateBusinessRule,
};

export type {
  GemEnvironment,
  GemInput,
  GemPropagator,
  OutputColumn,
} from './gem';
