import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ListSubscriptionsQuery, Subscription } from '../../api';
import {
  fiona,
  renderSubscriptionView,
  sam,
  subscription,
} from '../Subscriptions/__testUtils__/renderSubscriptionView';
import { MyAccessPage } from './MyAccessPage';

/** Answers `mine=true` with `mine`, and other listings with `visible`. */
function listing(mine: Subscription[], visible: Subscription[] = mine) {
  return jest.fn(async (query?: ListSubscriptionsQuery) => ({
    items: (query?.mine ? mine : visible).filter(
      item => !query?.state || item.state === query.state,
    ),
  }));
}

describe('MyAccessPage', () => {
  it("lists the user's teams' subscriptions and withdraws a pending one", async () => {
    const items = [
      subscription({ id: 'p', state: 'pending' }),
      subscription({
        id: 'a',
        product: 'dataproduct:default/customers',
        state: 'approved',
        grantStatus: 'granted',
        allColumns: false,
        columns: ['region'],
        expiresAt: '2027-03-31T21:59:59.000Z',
      }),
    ];
    const decideSubscription = jest.fn(async (id: string) => {
      items[0] = { ...items[0], state: 'withdrawn' };
      return { ...items[0], id, audit: [] };
    });
    await renderSubscriptionView(<MyAccessPage />, {
      viewer: fiona,
      dataMeshApi: { listSubscriptions: listing(items), decideSubscription },
    });

    const approved = await screen.findByRole('row', { name: /customers/ });
    expect(approved).toHaveTextContent('Approved');
    expect(approved).toHaveTextContent('region');
    expect(approved).toHaveTextContent('2027-03-31');
    expect(approved).toHaveTextContent('Granted');
    expect(screen.queryByText(/Requests waiting for you/)).toBeNull();

    const pending = screen.getByRole('row', { name: /total-sales/ });
    await userEvent.click(
      within(pending).getByRole('button', { name: 'Withdraw' }),
    );
    expect(decideSubscription).toHaveBeenCalledWith('p', 'withdraw', undefined);
    await waitFor(() =>
      expect(
        screen.getByRole('row', { name: /total-sales/ }),
      ).toHaveTextContent('Withdrawn'),
    );
  });

  it('shows an approver the requests waiting for them', async () => {
    const request = subscription({ id: 'r' });
    await renderSubscriptionView(<MyAccessPage />, {
      viewer: sam,
      dataMeshApi: {
        listSubscriptions: listing([], [request]),
        decideSubscription: async () => ({
          ...request,
          state: 'approved',
          audit: [],
        }),
      },
    });

    expect(
      await screen.findByText('Requests waiting for you (1)'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Approve finance-insights' }),
    ).toBeInTheDocument();
    expect(screen.getByText('No access yet')).toBeInTheDocument();
  });

  it('shows an error when the subscriptions cannot be read', async () => {
    await renderSubscriptionView(<MyAccessPage />, {
      viewer: fiona,
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
