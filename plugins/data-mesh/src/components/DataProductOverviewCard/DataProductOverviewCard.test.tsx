import { Entity } from '@backstage/catalog-model';
import { screen, within } from '@testing-library/react';
import { totalSales } from '../DataProductEntity/__testUtils__/totalSales';
import { renderWithEntity } from '../DataProductEntity/__testUtils__/renderWithEntity';
import { DataProductOverviewCard } from './DataProductOverviewCard';

function field(label: string) {
  return screen.getByRole('group', { name: label });
}

describe('DataProductOverviewCard', () => {
  it('shows owner, domain, layer, visibility and where the product comes from', async () => {
    await renderWithEntity(<DataProductOverviewCard />, totalSales);

    expect(await screen.findByText('Data product')).toBeInTheDocument();
    expect(
      within(field('Owner')).getByRole('link', { name: 'sales-analytics' }),
    ).toHaveAttribute('href', '/catalog/default/group/sales-analytics');
    expect(
      within(field('Domain')).getByRole('link', { name: 'sales' }),
    ).toHaveAttribute('href', '/catalog/default/domain/sales');
    expect(field('Layer')).toHaveTextContent('gold');
    expect(field('Visibility')).toHaveTextContent(
      'Published: anyone in the company may find it',
    );
    expect(
      within(field('Produced by')).getByRole('link', { name: 'hello-world' }),
    ).toHaveAttribute('href', '/catalog/default/component/hello-world');
    expect(
      within(field('Derived from'))
        .getAllByRole('link')
        .map(a => a.getAttribute('href')),
    ).toEqual([
      '/catalog/default/dataproduct/bronze-orders',
      '/catalog/default/dataproduct/bronze-order-lines',
    ]);
  });

  it('counts and links the subscribing teams, or says there are none', async () => {
    const subscribed: Entity = {
      ...totalSales,
      spec: {
        ...totalSales.spec,
        consumers: [
          {
            team: 'group:default/finance-insights',
            since: '2026-12-05T09:00:00.000Z',
          },
          {
            team: 'marketing-analytics',
            since: '2026-12-06T09:00:00.000Z',
            columns: ['category'],
          },
        ],
      },
    };
    await renderWithEntity(<DataProductOverviewCard />, subscribed);

    const subscribers = await screen.findByRole('group', {
      name: 'Subscribers',
    });
    expect(subscribers).toHaveTextContent(/^Subscribers2 teams: /);
    expect(
      within(subscribers)
        .getAllByRole('link')
        .map(a => a.getAttribute('href')),
    ).toEqual([
      '/catalog/default/group/finance-insights',
      '/catalog/default/group/marketing-analytics',
    ]);
  });

  it('says when no team subscribes', async () => {
    await renderWithEntity(<DataProductOverviewCard />, totalSales);

    expect(
      await screen.findByRole('group', { name: 'Subscribers' }),
    ).toHaveTextContent('No team subscribes yet');
  });

  it('flags personal data and names the columns that hold it', async () => {
    await renderWithEntity(<DataProductOverviewCard />, totalSales);

    const pii = await screen.findByRole('group', { name: 'Personal data' });
    expect(within(pii).getByLabelText('Personal data (PII)')).toHaveTextContent(
      'Contains PII',
    );
    expect(pii).toHaveTextContent('Column top_customer_email');
  });

  it('links short references the way catalog YAML writes them', async () => {
    const short: Entity = {
      ...totalSales,
      spec: {
        ...totalSales.spec,
        owner: 'sales-analytics',
        domain: 'sales',
        producedBy: 'hello-world',
        dependsOn: ['bronze-orders'],
      },
    };
    await renderWithEntity(<DataProductOverviewCard />, short);

    expect(
      within(await screen.findByRole('group', { name: 'Domain' })).getByRole(
        'link',
        { name: 'sales' },
      ),
    ).toHaveAttribute('href', '/catalog/default/domain/sales');
    expect(within(field('Owner')).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/group/sales-analytics',
    );
    expect(within(field('Produced by')).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/component/hello-world',
    );
    expect(within(field('Derived from')).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/dataproduct/bronze-orders',
    );
  });

  it('trusts the containsPii flag when no column says which', async () => {
    const flagged: Entity = {
      ...totalSales,
      spec: { ...totalSales.spec, contract: undefined, containsPii: true },
    };
    await renderWithEntity(<DataProductOverviewCard />, flagged);

    const pii = await screen.findByRole('group', { name: 'Personal data' });
    expect(within(pii).getByLabelText('Personal data (PII)')).toBeVisible();
    expect(pii).not.toHaveTextContent('Column');
  });

  it('states the freshness SLA declared in the contract and the output ports', async () => {
    await renderWithEntity(<DataProductOverviewCard />, totalSales);

    expect(
      await screen.findByRole('group', { name: 'Freshness SLA' }),
    ).toHaveTextContent('Updated at least every 26 hours');
    const ports = within(field('Output ports')).getAllByRole('listitem');
    expect(ports.map(p => p.textContent)).toEqual([
      'duckdb: gold.total_sales',
      'databricks: main.gold.total_sales',
    ]);
  });

  it('says what is missing for a bare product without contract or ports', async () => {
    const bare: Entity = {
      ...totalSales,
      spec: {
        owner: 'group:default/sales-analytics',
        lifecycle: 'experimental',
        visibility: 'internal',
        layer: 'bronze',
      },
    };
    await renderWithEntity(<DataProductOverviewCard />, bare);

    expect(
      await screen.findByRole('group', { name: 'Personal data' }),
    ).toHaveTextContent('No column is classified as PII');
    expect(screen.queryByLabelText('Personal data (PII)')).toBeNull();
    expect(field('Freshness SLA')).toHaveTextContent(
      'No freshness promise in the contract',
    );
    expect(field('Domain')).toHaveTextContent('None');
    expect(field('Produced by')).toHaveTextContent('Unknown');
    expect(field('Derived from')).toHaveTextContent(
      'No other published data product',
    );
    expect(field('Output ports')).toHaveTextContent(
      'Not written to any warehouse yet',
    );
    expect(field('Visibility')).toHaveTextContent(
      'Internal: the owning team only',
    );
  });

  it('warns when placed on an entity that is not a data product', async () => {
    await renderWithEntity(<DataProductOverviewCard />, {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'hello-world' },
      spec: { type: 'data-project' },
    });

    expect(
      await screen.findByText('Warning: Not a data product'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Owner' })).toBeNull();
  });
});
