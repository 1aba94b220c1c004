import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import {
  DataProductSearchDocument,
  DataProductSearchResultListItem,
} from './DataProductSearchResultListItem';

function totalSales(
  overrides: Partial<DataProductSearchDocument> = {},
): DataProductSearchDocument {
  return {
    title: 'TotalSales',
    text: 'Sales per day : net_amount: Revenue after discounts',
    location: '/catalog/default/dataproduct/total-sales',
    owner: 'group:default/sales-analytics',
    domain: 'sales',
    layer: 'gold',
    freshnessStatus: 'fresh',
    freshnessSlaHours: 24,
    qualityScore: 0.75,
    containsPii: false,
    ...overrides,
  };
}

function render(result: DataProductSearchDocument) {
  return renderInTestApp(<DataProductSearchResultListItem result={result} />, {
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

describe('DataProductSearchResultListItem', () => {
  it('links the title to the product and shows layer, owner, freshness and quality', async () => {
    render(totalSales());

    const title = await screen.findByRole('link', { name: 'TotalSales' });
    expect(title).toHaveAttribute(
      'href',
      '/catalog/default/dataproduct/total-sales',
    );
    expect(
      screen.getByText('Sales per day : net_amount: Revenue after discounts'),
    ).toBeInTheDocument();
    expect(screen.getByText('Layer gold')).toBeInTheDocument();
    expect(screen.getByText('Domain sales')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /sales-analytics/ }),
    ).toHaveAttribute('href', '/catalog/default/group/sales-analytics');
    expect(screen.getByText('Fresh (SLA 24 h)')).toBeInTheDocument();
    expect(screen.getByText('Quality 75% passing')).toBeInTheDocument();
    expect(screen.queryByText('PII')).not.toBeInTheDocument();
  });

  it('says when freshness and quality are not known, and marks personal data', async () => {
    render(
      totalSales({
        domain: null,
        freshnessStatus: 'unknown',
        freshnessSlaHours: null,
        qualityScore: null,
        containsPii: true,
      }),
    );

    expect(await screen.findByText('Freshness unknown')).toBeInTheDocument();
    expect(screen.getByText('Quality not measured yet')).toBeInTheDocument();
    expect(screen.queryByText(/^Domain/)).not.toBeInTheDocument();
    expect(screen.getByText('PII')).toBeInTheDocument();
  });

  it('shows a stale product as stale', async () => {
    render(totalSales({ freshnessStatus: 'stale', qualityScore: 0 }));

    expect(await screen.findByText('Stale (SLA 24 h)')).toBeInTheDocument();
    expect(screen.getByText('Quality 0% passing')).toBeInTheDocument();
  });
});
