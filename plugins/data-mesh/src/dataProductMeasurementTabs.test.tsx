import { renderTestApp } from '@backstage/frontend-test-utils';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import { dataMeshApiRef } from './api';
import { publishedTotalSales } from './components/DataProductRunHistory/__testUtils__/runHistory';
import {
  dataProductCostContent,
  dataProductFreshnessContent,
  dataProductQualityContent,
} from './plugin';

// The page loads each extension lazily; on a busy machine that takes a while.
const slowly = { timeout: 15_000 };

const measurementTabs = [
  dataProductQualityContent,
  dataProductFreshnessContent,
  dataProductCostContent,
];

describe('the Quality, Freshness and Cost tabs', () => {
  jest.setTimeout(60_000);

  it.each([
    ['quality', 'Quality results'],
    ['freshness', 'Writes of the dataset'],
    ['cost', 'Costs'],
  ])('mount the %s tab on a DataProduct page', async (path, what) => {
    renderTestApp({
      // Nothing measured yet: each tab says so in its own words.
      apis: [
        [
          dataMeshApiRef,
          {
            listQualityResults: async () => ({ items: [], totalCount: 0 }),
            listRuns: async () => ({ items: [], totalCount: 0 }),
            listFreshness: async () => ({ items: [], totalCount: 0 }),
            getCostRollup: async () => ({ items: [], totalCount: 0 }),
            getBudgets: async () => ({ items: [] }),
          },
        ],
      ],
      extensions: [
        createTestEntityPage({ entity: publishedTotalSales }),
        ...measurementTabs,
      ],
      initialRouteEntries: [`/${path}`],
    });

    expect(
      await screen.findByText(new RegExp(`^${what} appear here`), {}, slowly),
    ).toBeInTheDocument();
  });

  it('leave the pages of other kinds alone', async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({
          entity: {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'hello-world' },
            spec: { type: 'data-project' },
          },
        }),
        ...measurementTabs,
      ],
    });

    expect(
      await screen.findByTestId('empty-entity-page', {}, slowly),
    ).toBeInTheDocument();
  });
});
