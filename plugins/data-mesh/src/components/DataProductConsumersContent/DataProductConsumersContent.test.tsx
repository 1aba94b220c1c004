import { screen, within } from '@testing-library/react';
import { totalSales } from '../DataProductEntity/__testUtils__/totalSales';
import {
  fiona,
  renderSubscriptionView,
  sam,
  subscription,
} from '../Subscriptions/__testUtils__/renderSubscriptionView';
import { DataProductConsumersContent } from './DataProductConsumersContent';

const withConsumers = {
  ...totalSales,
  spec: {
    ...totalSales.spec,
    consumers: [
      {
        team: 'group:default/marketing-analytics',
        since: '2026-11-20T09:00:00.000Z',
        columns: ['currency', 'net_revenue'],
      },
    ],
  },
};

describe('DataProductConsumersContent', () => {
  it("lists the catalog's consumers with since and columns", async () => {
    await renderSubscriptionView(<DataProductConsumersContent />, {
      viewer: fiona,
      entity: withConsumers,
      dataMeshApi: { listSubscriptions: async () => ({ items: [] }) },
    });

    const row = await screen.findByRole('row', { name: /marketing-analytics/ });
    expect(row).toHaveTextContent('2026-11-20');
    expect(row).toHaveTextContent('currency, net_revenue');
    expect(screen.getByText('Consumers (1)')).toBeInTheDocument();
    expect(screen.queryByText('Requests and history')).toBeNull();
  });

  it('uses subscribedBy relations, and adds the viewer’s own approved access', async () => {
    await renderSubscriptionView(<DataProductConsumersContent />, {
      viewer: fiona,
      entity: {
        ...totalSales,
        relations: [
          {
            type: 'subscribedBy',
            targetRef: 'group:default/marketing-analytics',
          },
        ],
      },
      dataMeshApi: {
        listSubscriptions: async () => ({
          items: [
            subscription({
              state: 'approved',
              updatedAt: '2026-12-02T08:00:00.000Z',
            }),
          ],
        }),
      },
    });

    expect(await screen.findByText('Consumers (2)')).toBeInTheDocument();
    expect(
      screen.getByRole('row', { name: /finance-insights/ }),
    ).toHaveTextContent('2026-12-02');
    expect(
      screen.getByRole('row', { name: /marketing-analytics/ }),
    ).toBeInTheDocument();
  });

  it('shows approvers every request with its outcome', async () => {
    await renderSubscriptionView(<DataProductConsumersContent />, {
      viewer: sam,
      entity: withConsumers,
      dataMeshApi: {
        listSubscriptions: async () => ({
          items: [
            subscription({ id: 'a', state: 'approved' }),
            subscription({
              id: 'd',
              team: 'group:default/marketing-analytics',
              state: 'denied',
            }),
          ],
        }),
      },
    });

    // For approvers the backend is the truth: marketing's catalog entry is
    // stale once its request ended denied.
    expect(await screen.findByText('Consumers (1)')).toBeInTheDocument();
    const history = screen
      .getByText('Requests and history')
      .closest('div[class*="MuiPaper"]') as HTMLElement;
    expect(
      within(history).getByRole('row', { name: /marketing-analytics.*Denied/ }),
    ).toBeInTheDocument();
    expect(
      within(history).getByRole('button', { name: 'Revoke finance-insights' }),
    ).toBeInTheDocument();
  });

  it('says when no team subscribes', async () => {
    await renderSubscriptionView(<DataProductConsumersContent />, {
      viewer: fiona,
      entity: totalSales,
      dataMeshApi: { listSubscriptions: async () => ({ items: [] }) },
    });

    expect(await screen.findByText('No consumers yet')).toBeInTheDocument();
  });

  it('shows an error when the subscriptions cannot be read', async () => {
    await renderSubscriptionView(<DataProductConsumersContent />, {
      viewer: fiona,
      entity: totalSales,
      dataMeshApi: {
        listSubscriptions: async () => {
          throw new Error('backend down');
        },
      },
    });

    expect((await screen.findAllByText(/backend down/)).length).toBeGreaterThan(
      0,
    );
  });
});
