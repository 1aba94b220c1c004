import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { totalSales } from '../DataProductEntity/__testUtils__/totalSales';
import {
  apiError,
  fiona,
  renderSubscriptionView,
  sam,
  subscription,
} from '../Subscriptions/__testUtils__/renderSubscriptionView';
import { DataProductAccessCard } from './DataProductAccessCard';

describe('DataProductAccessCard', () => {
  it('sends a request with a purpose and the chosen columns, then shows it pending', async () => {
    let requested = false;
    const requestSubscription = jest.fn(async () => {
      requested = true;
      return subscription({ allColumns: false, columns: ['currency'] });
    });
    await renderSubscriptionView(<DataProductAccessCard />, {
      viewer: fiona,
      entity: totalSales,
      dataMeshApi: {
        listSubscriptions: async () => ({
          items: requested
            ? [subscription({ allColumns: false, columns: ['currency'] })]
            : [],
        }),
        requestSubscription,
      },
    });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Request access' }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Request access to TotalSales',
    });
    // TotalSales holds an e-mail column, so the purpose is required.
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Send request' }),
    );
    expect(
      within(dialog).getByText(/Say what the data is for/),
    ).toBeInTheDocument();
    expect(requestSubscription).not.toHaveBeenCalled();

    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Purpose/ }),
      'Revenue forecasts',
    );
    await userEvent.click(
      within(dialog).getByRole('radio', { name: 'Chosen columns' }),
    );
    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: 'currency' }),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Send request' }),
    );

    expect(requestSubscription).toHaveBeenCalledWith({
      product: 'dataproduct:default/total-sales',
      purpose: 'Revenue forecasts',
      columns: ['currency'],
    });
    const pending = await screen.findByRole('region', {
      name: 'Your pending request',
    });
    expect(pending).toHaveTextContent('Request pending');
    expect(pending).toHaveTextContent('currency');
    expect(
      within(pending).getByRole('button', { name: 'Withdraw' }),
    ).toBeInTheDocument();
  });

  it("shows the backend's refusal in the dialog", async () => {
    await renderSubscriptionView(<DataProductAccessCard />, {
      viewer: fiona,
      entity: totalSales,
      dataMeshApi: {
        listSubscriptions: async () => ({ items: [] }),
        requestSubscription: async () => {
          throw await apiError(
            409,
            'ConflictError',
            'total-sales is internal and cannot be requested',
          );
        },
      },
    });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Request access' }),
    );
    const dialog = screen.getByRole('dialog');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Purpose/ }),
      'Forecasts',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Send request' }),
    );

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'total-sales is internal and cannot be requested',
    );
  });

  it('asks for the team when the user is in several', async () => {
    const requestSubscription = jest.fn(async () => subscription());
    await renderSubscriptionView(<DataProductAccessCard />, {
      viewer: {
        teams: ['group:default/finance-insights', 'group:default/mona-team'],
      },
      entity: {
        ...totalSales,
        spec: { ...totalSales.spec, containsPii: false, contract: {} },
      },
      dataMeshApi: {
        listSubscriptions: async () => ({ items: [] }),
        requestSubscription,
      },
    });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Request access' }),
    );
    await userEvent.click(screen.getByRole('button', { name: /Team/ }));
    await userEvent.click(screen.getByRole('option', { name: 'mona-team' }));
    await userEvent.click(screen.getByRole('button', { name: 'Send request' }));

    expect(requestSubscription).toHaveBeenCalledWith({
      product: 'dataproduct:default/total-sales',
      team: 'group:default/mona-team',
    });
  });

  it('withdraws a pending request', async () => {
    let withdrawn = false;
    const decideSubscription = jest.fn(async () => {
      withdrawn = true;
      return { ...subscription({ state: 'withdrawn' }), audit: [] };
    });
    await renderSubscriptionView(<DataProductAccessCard />, {
      viewer: fiona,
      entity: totalSales,
      dataMeshApi: {
        listSubscriptions: async () => ({
          items: [subscription({ state: withdrawn ? 'withdrawn' : 'pending' })],
        }),
        decideSubscription,
      },
    });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Withdraw' }),
    );

    expect(decideSubscription).toHaveBeenCalledWith(
      'sub-1',
      'withdraw',
      undefined,
    );
    expect(
      await screen.findByRole('button', { name: 'Request access' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/last request ended withdrawn/),
    ).toBeInTheDocument();
  });

  it('shows approved access with its grant', async () => {
    await renderSubscriptionView(<DataProductAccessCard />, {
      viewer: fiona,
      entity: totalSales,
      dataMeshApi: {
        listSubscriptions: async () => ({
          items: [
            subscription({
              state: 'approved',
              grantStatus: 'failed',
              grantError: 'warehouse unreachable',
            }),
          ],
        }),
      },
    });

    const access = await screen.findByRole('region', { name: 'Your access' });
    expect(access).toHaveTextContent('Access approved');
    expect(access).toHaveTextContent('Grant failed: warehouse unreachable');
    expect(screen.queryByRole('button', { name: 'Request access' })).toBeNull();
  });

  it('offers no request to the owning team', async () => {
    await renderSubscriptionView(<DataProductAccessCard />, {
      viewer: sam,
      entity: totalSales,
      dataMeshApi: { listSubscriptions: async () => ({ items: [] }) },
    });

    expect(await screen.findByText(/owns this product/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Request access' })).toBeNull();
  });

  it('explains that an internal product cannot be requested', async () => {
    await renderSubscriptionView(<DataProductAccessCard />, {
      viewer: fiona,
      entity: {
        ...totalSales,
        spec: { ...totalSales.spec, visibility: 'internal' },
      },
      dataMeshApi: { listSubscriptions: async () => ({ items: [] }) },
    });

    expect(
      await screen.findByText('Internal data product'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Request access' })).toBeNull();
  });

  it('shows an error when the subscriptions cannot be read', async () => {
    await renderSubscriptionView(<DataProductAccessCard />, {
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

  it('warns when placed on an entity that is not a data product', async () => {
    await renderSubscriptionView(<DataProductAccessCard />, {
      viewer: fiona,
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'sales-analytics' },
        spec: {},
      },
    });

    expect(
      await screen.findByText('Warning: Not a data product'),
    ).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    await renderSubscriptionView(<DataProductAccessCard />, {
      viewer: fiona,
      entity: totalSales,
      dataMeshApi: { listSubscriptions: () => new Promise(() => {}) },
    });
    await waitFor(() =>
      expect(screen.getByTestId('progress')).toBeInTheDocument(),
    );
  });
});
