import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import type { DatasetFreshness } from '../../api';
import {
  DataProductDomainFilter,
  DataProductFreshnessFilter,
  DataProductLayerFilter,
  DataProductPiiFilter,
} from './filters';
import { customers, ledger, platformSystem, totalSales } from './testEntities';

function report(
  project: string,
  dataset: string,
  status: DatasetFreshness['status'],
): DatasetFreshness {
  return {
    project,
    dataset,
    table: `gold.${dataset}`,
    owner: 'group:default/sales-analytics',
    status,
    message: status,
  };
}

const entities = [totalSales, customers, ledger, platformSystem];

/** The names of the entities the catalog answers a filter's query with. */
async function queried(filter: {
  getCatalogQuery():
    | ReturnType<DataProductPiiFilter['getCatalogQuery']>
    | undefined;
}): Promise<string[]> {
  const catalog = catalogApiMock({ entities });
  const query = filter.getCatalogQuery();
  const { items } = await catalog.queryEntities({
    query: query
      ? { $all: [{ kind: 'DataProduct' }, query] }
      : { kind: 'DataProduct' },
  });
  return items.map(e => e.metadata.title ?? e.metadata.name).sort();
}

describe('DataProduct catalog filters', () => {
  it('selects products by domain in the catalog query and on the page', async () => {
    const filter = new DataProductDomainFilter(['finance']);
    await expect(queried(filter)).resolves.toEqual(['Ledger']);
    expect(entities.filter(e => filter.filterEntity(e))).toEqual([ledger]);
    expect(filter.toQueryValue()).toEqual(['finance']);
  });

  it('selects products in any of several layers', async () => {
    const filter = new DataProductLayerFilter(['gold', 'silver']);
    await expect(queried(filter)).resolves.toEqual(['Customers', 'TotalSales']);
    expect(filter.filterEntity(ledger)).toBe(false);
  });

  it('selects products with PII by the spec flag the provider sets', async () => {
    const filter = new DataProductPiiFilter();
    await expect(queried(filter)).resolves.toEqual(['Customers']);
    expect(filter.filterEntity(customers)).toBe(true);
    expect(filter.filterEntity(totalSales)).toBe(false);
  });

  describe('freshness', () => {
    const reports = [
      report('hello-world', 'TotalSales', 'fresh'),
      report('hello-world', 'Customers', 'stale'),
      // The same dataset name in another project must not match.
      report('other-project', 'Ledger', 'stale'),
    ];

    it('selects products by the status of their project and dataset', async () => {
      const filter = new DataProductFreshnessFilter(['stale'], reports);
      await expect(queried(filter)).resolves.toEqual(['Customers']);
      expect(entities.filter(e => filter.filterEntity(e))).toEqual([customers]);
    });

    it('counts a product without a report as unknown', async () => {
      const filter = new DataProductFreshnessFilter(['unknown'], reports);
      await expect(queried(filter)).resolves.toEqual(['Ledger']);
      expect(filter.statusOf(ledger)).toBe('unknown');
      expect(filter.filterEntity(ledger)).toBe(true);
      expect(filter.filterEntity(totalSales)).toBe(false);
    });

    it('combines unknown with a known status', async () => {
      const filter = new DataProductFreshnessFilter(
        ['fresh', 'unknown'],
        reports,
      );
      await expect(queried(filter)).resolves.toEqual(['Ledger', 'TotalSales']);
    });

    it('matches nothing when no product has the status', async () => {
      const filter = new DataProductFreshnessFilter(['fresh'], []);
      await expect(queried(filter)).resolves.toEqual([]);
    });

    it('does not constrain the query when every status is chosen', async () => {
      const filter = new DataProductFreshnessFilter(
        ['fresh', 'stale', 'unknown'],
        reports,
      );
      expect(filter.getCatalogQuery()).toBeUndefined();
      await expect(queried(filter)).resolves.toEqual([
        'Customers',
        'Ledger',
        'TotalSales',
      ]);
    });
  });
});
