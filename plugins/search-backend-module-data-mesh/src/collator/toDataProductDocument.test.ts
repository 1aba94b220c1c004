import { dataProduct, totalSales } from '../__fixtures__/dataProducts';
import { DataProductFacts, NO_FACTS } from '../facts/DataProductFacts';
import { toDataProductDocument } from './toDataProductDocument';

describe('toDataProductDocument', () => {
  it('indexes the description and every column name and description', async () => {
    const document = await toDataProductDocument(totalSales, NO_FACTS);

    expect(document.text).toBe(
      'Net sales per customer and month. : customer_id : email: Where the customer gets invoices : net_amount: Revenue after discounts',
    );
  });

  it('carries what a result item shows and filters on', async () => {
    const document = await toDataProductDocument(totalSales, NO_FACTS);

    expect(document).toMatchObject({
      title: 'TotalSales',
      kind: 'DataProduct',
      namespace: 'default',
      name: 'total-sales',
      owner: 'group:default/sales-analytics',
      domain: 'sales',
      layer: 'gold',
      visibility: 'published',
      lifecycle: 'production',
      freshnessSlaHours: 24,
      containsPii: true,
      freshnessStatus: 'unknown',
      qualityScore: null,
      subscribers: 0,
      rank: 0.28,
    });
  });

  it('writes every field even when the entity lacks it, so Lunr indexes them all', async () => {
    const bare = await toDataProductDocument(
      dataProduct('bare', { domain: undefined }),
      NO_FACTS,
    );
    const full = await toDataProductDocument(totalSales, NO_FACTS);

    expect(Object.keys(bare).sort()).toEqual(Object.keys(full).sort());
    expect(bare).toMatchObject({
      text: '',
      domain: null,
      freshnessSlaHours: null,
      containsPii: false,
    });
  });

  it('finds PII from the columns when the entity has no containsPii flag', async () => {
    const { containsPii: _, ...spec } = totalSales.spec;
    const document = await toDataProductDocument(
      { ...totalSales, spec },
      NO_FACTS,
    );

    expect(document.containsPii).toBe(true);
  });

  it('calls a column PII as the product page does: by tag too, in any case', async () => {
    const document = await toDataProductDocument(
      dataProduct('tagged', {
        contract: {
          schema: [
            {
              name: 'tagged',
              properties: [{ name: 'phone', tags: ['PII'] }],
            },
          ],
          slaProperties: [{ property: 'Freshness', value: 2, unit: 'd' }],
        },
      }),
      NO_FACTS,
    );

    expect(document).toMatchObject({
      containsPii: true,
      freshnessSlaHours: 48,
    });
  });

  it('ranks with the facts of its own dataset', async () => {
    const asked: string[] = [];
    const facts: DataProductFacts = {
      freshness: key => (key.dataset === 'TotalSales' ? 'fresh' : 'stale'),
      qualityScore: async key => {
        asked.push(`${key.project}/${key.dataset}`);
        return 0.8;
      },
    };

    const document = await toDataProductDocument(totalSales, facts);

    expect(asked).toEqual(['hello-world/TotalSales']);
    expect(document).toMatchObject({
      freshnessStatus: 'fresh',
      qualityScore: 0.8,
      rank: 0.6,
    });
  });

  it('counts the consuming teams into the rank, so the widely used come first', async () => {
    const facts: DataProductFacts = {
      freshness: () => 'fresh',
      qualityScore: async () => 1,
    };
    const consumers = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        team: `group:default/team-${i}`,
        since: '2026-12-05T09:00:00.000Z',
      }));
    const used = (n: number) =>
      toDataProductDocument(
        {
          ...totalSales,
          spec: { ...totalSales.spec, consumers: consumers(n) },
        },
        facts,
      );

    const [none, one, three] = await Promise.all([used(0), used(1), used(3)]);

    expect([none, one, three].map(d => [d.subscribers, d.rank])).toEqual([
      [0, 0.75],
      [1, 0.81],
      [3, 0.88],
    ]);
  });

  it('leaves a product without project annotations unmeasured', async () => {
    const entity = dataProduct('orphan');
    entity.metadata.annotations = {};
    const facts: DataProductFacts = {
      freshness: () => 'fresh',
      qualityScore: async () => 1,
    };

    const document = await toDataProductDocument(entity, facts);

    expect(document).toMatchObject({
      freshnessStatus: 'unknown',
      qualityScore: null,
    });
  });
});
