import {
  LunrSearchEngine,
  LunrSearchEngineIndexer,
  MissingIndexError,
} from '@backstage/plugin-search-backend-node';
import {
  IndexableDocument,
  IndexableResultSet,
  SearchQuery,
} from '@backstage/plugin-search-common';
import type lunr from 'lunr';

/**
 * How much a document's `rank` (0 to 1) weighs on its text relevance: the
 * score is multiplied by `0.5 + rank`, so a product consumers can fully rely
 * on scores 1.5 times its relevance, one with rank 0.5 or a document with
 * no rank (a Component, a TechDocs page) scores its relevance, and one
 * with rank 0 half of it. Relevance still decides between documents that
 * match a term very differently.
 * @public
 */
export function rankFactor(document: IndexableDocument | undefined): number {
  const rank = (document as { rank?: unknown } | undefined)?.rank;
  if (typeof rank !== 'number' || !Number.isFinite(rank)) return 1;
  return 0.5 + Math.min(1, Math.max(0, rank));
}

const EMPTY_RESULT_SET: IndexableResultSet = {
  results: [],
  numberOfResults: 0,
};

/**
 * Backstage's in-memory Lunr engine with two changes:
 *
 * - Documents that carry a numeric `rank` (data products) are ranked by it
 *   as well as by text relevance (see {@link rankFactor}). Lunr supports
 *   per-document boosts, but Backstage's collator API has no way to pass
 *   one, so the engine applies the factor to each index's scores before
 *   the engine sorts and pages them.
 * - A query for document types that have no index answers no results
 *   instead of failing: Lunr only builds an index once a collator has
 *   delivered documents, so a type with nothing to index yet (TechDocs
 *   before any entity has docs) made every query filtered on it a 500.
 *
 * @public
 */
export class RankedLunrSearchEngine extends LunrSearchEngine {
  private readonly rankedIndices = new WeakSet<lunr.Index>();

  async getIndexer(type: string): Promise<LunrSearchEngineIndexer> {
    const indexer = await super.getIndexer(type);
    // Runs after the base engine's own 'close' listener has installed the
    // newly built index (or kept the old one).
    indexer.on('close', () => this.rankIndex(type));
    return indexer;
  }

  async query(query: SearchQuery): Promise<IndexableResultSet> {
    try {
      return await super.query(query);
    } catch (error) {
      if (error instanceof MissingIndexError) return EMPTY_RESULT_SET;
      throw error;
    }
  }

  private rankIndex(type: string) {
    const index = this.lunrIndices[type];
    if (!index || this.rankedIndices.has(index)) return;
    const ranked: lunr.Index = Object.create(index);
    ranked.query = (...args) =>
      index.query(...args).map(result => ({
        ...result,
        score: result.score * rankFactor(this.docStore[result.ref]),
      }));
    this.rankedIndices.add(ranked);
    this.lunrIndices[type] = ranked;
  }
}
