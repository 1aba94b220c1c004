import { mockServices } from '@backstage/backend-test-utils';
import {
  LunrSearchEngine,
  TestPipeline,
} from '@backstage/plugin-search-backend-node';
import { IndexableDocument } from '@backstage/plugin-search-common';
import { rankFactor, RankedLunrSearchEngine } from './RankedLunrSearchEngine';

function product(name: string, rank: number): IndexableDocument {
  return {
    title: name,
    text: 'Net sales per customer and month',
    location: `/catalog/default/dataproduct/${name}`,
    rank,
  } as IndexableDocument;
}

async function index(
  engine: LunrSearchEngine,
  type: string,
  documents: IndexableDocument[],
) {
  await TestPipeline.fromIndexer(await engine.getIndexer(type))
    .withDocuments(documents)
    .execute();
}

async function titles(engine: LunrSearchEngine, term: string) {
  const { results } = await engine.query({ term });
  return results.map(r => r.document.title);
}

describe('RankedLunrSearchEngine', () => {
  const logger = mockServices.logger.mock();

  it('puts the higher-ranked of two equally relevant products first', async () => {
    const documents = [
      product('unreliable', 0),
      product('unmeasured', 0.38),
      product('reliable', 1),
    ];
    const plain = new LunrSearchEngine({ logger });
    const ranked = new RankedLunrSearchEngine({ logger });
    await index(plain, 'data-product', documents);
    await index(ranked, 'data-product', documents);

    expect(await titles(plain, 'sales')).toEqual([
      'unreliable',
      'unmeasured',
      'reliable',
    ]);
    expect(await titles(ranked, 'sales')).toEqual([
      'reliable',
      'unmeasured',
      'unreliable',
    ]);
  });

  it('lets text relevance win over rank when one product matches much better', async () => {
    const engine = new RankedLunrSearchEngine({ logger });
    await index(engine, 'data-product', [
      {
        ...product('reliable', 1),
        text: 'Net sales per customer and month, net of returns, discounts, taxes and shipping fees',
      } as IndexableDocument,
      {
        ...product('returns', 0),
        title: 'Returns',
        text: 'Returns per order: returned items, return reason',
      } as IndexableDocument,
    ]);

    expect(await titles(engine, 'returns')).toEqual(['Returns', 'reliable']);
  });

  it('ranks again after the index is rebuilt', async () => {
    const engine = new RankedLunrSearchEngine({ logger });
    await index(engine, 'data-product', [product('a', 1), product('b', 0)]);
    await index(engine, 'data-product', [product('a', 0), product('b', 1)]);

    expect(await titles(engine, 'sales')).toEqual(['b', 'a']);
  });

  it('answers no results for a registered type that has no index yet', async () => {
    const engine = new RankedLunrSearchEngine({ logger });
    await index(engine, 'techdocs', []);

    await expect(
      engine.query({ term: '', types: ['techdocs'] }),
    ).resolves.toEqual({ results: [], numberOfResults: 0 });
    await expect(
      new LunrSearchEngine({ logger }).query({ term: '', types: ['techdocs'] }),
    ).rejects.toThrow(/Missing index for techdocs/);
  });
});

describe('rankFactor', () => {
  it('leaves documents without a rank as they are', () => {
    expect(rankFactor({ title: 't', text: '', location: '/' })).toBe(1);
    expect(rankFactor(undefined)).toBe(1);
  });

  it('scales from half to one and a half, clamping out-of-range ranks', () => {
    const withRank = (rank: unknown) =>
      ({ title: 't', text: '', location: '/', rank } as IndexableDocument);
    expect(rankFactor(withRank(0))).toBe(0.5);
    expect(rankFactor(withRank(1))).toBe(1.5);
    expect(rankFactor(withRank(7))).toBe(1.5);
    expect(rankFactor(withRank('high'))).toBe(1);
  });
});
