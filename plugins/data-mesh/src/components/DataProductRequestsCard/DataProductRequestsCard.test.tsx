import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Subscription, SubscriptionAction } from '../../api';
import { totalSales } from '../DataProductEntity/__testUtils__/totalSales';
import {
  apiError,
  fiona,
  renderSubscriptionView,
  sam,
  subscription,
} from '../Subscriptions/__testUtils__/renderSubscriptionView';
import { DataProductRequestsCard } from './DataProductRequestsCard';

/** A fake backend holding subscriptions that decisions change. */
function fakeBackend(initial: Subscription[]) {
  const items = [...initial];
  const next: Record<SubscriptionAction, Subscription['state']> = {
    approve: 'approved',
    deny: 'denied',
    revoke: 'revoked',
    withdraw: 'withdrawn',
    'retry-grant': 'approved',
  };
  const decideSubscription = jest.fn(
    async (id: string, action: SubscriptionAction, _reason?: string) => {
      const index = items.findIndex(item => item.id === id);
      items[index] = { ...items[index], state: next[action] };
      return { ...items[index], audit: [] };
    },
  );
  return {
    listSubscriptions: async () => ({ items: [...items] }),
    decideSubscription,
  };
}

describe('DataProductRequestsCard', () => {
  it('lets an approver approve a pending request', async () => {
    const backend = fakeBackend([subscription()]);
    await renderSubscriptionView(<DataProductRequestsCard />, {
      viewer: sam,
      entity: totalSales,
      dataMeshApi: backend,
    });

    expect(
      await screen.findByText('Access requests (1 pending)'),
    ).toBeInTheDocument();
    const row = screen.getByRole('row', { name: /finance-insights/ });
    expect(row).toHaveTextContent('Revenue forecasts');
    await userEvent.click(
      within(row).getByRole('button', { name: 'Approve finance-insights' }),
    );

    expect(backend.decideSubscription).toHaveBeenCalledWith(
      'sub-1',
      'approve',
      undefined,
    );
    expect(
      await screen.findByText('Access requests (0 pending)'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Revoke finance-insights' }),
    ).toBeInTheDocument();
  });

  it('denies only with a reason', async () => {
    const backend = fakeBackend([subscription()]);
    await renderSubscriptionView(<DataProductRequestsCard />, {
      viewer: sam,
      entity: totalSales,
      dataMeshApi: backend,
    });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Deny finance-insights' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Deny access' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Deny' }));
    expect(within(dialog).getByText(/Give a reason/)).toBeInTheDocument();
    expect(backend.decideSubscription).not.toHaveBeenCalled();

    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Reason/ }),
      'No purpose for the e-mails',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Deny' }));

    expect(backend.decideSubscription).toHaveBeenCalledWith(
      'sub-1',
      'deny',
      'No purpose for the e-mails',
    );
    // A denied request leaves the panel; the Consumers tab keeps it.
    expect(
      await screen.findByText(/No pending requests and no team has access/),
    ).toBeInTheDocument();
  });

  it('revokes approved access with a reason, and shows a refusal', async () => {
    const backend = fakeBackend([subscription({ state: 'approved' })]);
    backend.decideSubscription.mockRejectedValueOnce(
      await apiError(409, 'ConflictError', 'sub-1 is revoked already'),
    );
    await renderSubscriptionView(<DataProductRequestsCard />, {
      viewer: sam,
      entity: totalSales,
      dataMeshApi: backend,
    });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Revoke finance-insights' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Revoke access' });
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Reason/ }),
      'Project ended',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Revoke' }),
    );

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'sub-1 is revoked already',
    );
    expect(backend.decideSubscription).toHaveBeenCalledWith(
      'sub-1',
      'revoke',
      'Project ended',
    );
  });

  it('retries a grant the warehouse refused', async () => {
    const backend = fakeBackend([
      subscription({
        state: 'approved',
        grantStatus: 'failed',
        grantError: 'PERMISSION_DENIED on main.gold',
      }),
    ]);
    await renderSubscriptionView(<DataProductRequestsCard />, {
      viewer: sam,
      entity: totalSales,
      dataMeshApi: backend,
    });

    const row = await screen.findByRole('row', { name: /finance-insights/ });
    expect(row).toHaveTextContent(
      'Grant failed: PERMISSION_DENIED on main.gold',
    );
    await userEvent.click(
      within(row).getByRole('button', {
        name: 'Retry the grant of finance-insights',
      }),
    );

    expect(backend.decideSubscription).toHaveBeenCalledWith(
      'sub-1',
      'retry-grant',
      undefined,
    );
  });

  it('is not there for someone who does not approve the product', async () => {
    const backend = fakeBackend([subscription()]);
    const listSubscriptions = jest.fn(backend.listSubscriptions);
    await renderSubscriptionView(<DataProductRequestsCard />, {
      viewer: fiona,
      entity: totalSales,
      dataMeshApi: { ...backend, listSubscriptions },
    });

    await waitFor(() => expect(listSubscriptions).toHaveBeenCalled());
    await act(() => new Promise(resolve => setTimeout(resolve, 50)));
    expect(screen.queryByText(/Access requests/)).toBeNull();
    expect(screen.queryByRole('button', { name: /Approve/ })).toBeNull();
  });

  it('shows an error when the requests cannot be read', async () => {
    await renderSubscriptionView(<DataProductRequestsCard />, {
      viewer: sam,
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
