import { act, screen, waitFor } from '@testing-library/react';
import {
  fiona,
  renderSubscriptionView,
  sam,
  subscription,
} from '../Subscriptions/__testUtils__/renderSubscriptionView';
import { AccessRequestsBadge } from './AccessRequestsBadge';

describe('AccessRequestsBadge', () => {
  it('counts the requests an approver may decide and links to them', async () => {
    await renderSubscriptionView(<AccessRequestsBadge />, {
      viewer: sam,
      dataMeshApi: {
        listSubscriptions: async () => ({
          items: [subscription({ id: '1' }), subscription({ id: '2' })],
        }),
      },
    });

    expect(
      await screen.findByRole('link', { name: '2 access requests waiting' }),
    ).toHaveAttribute('href', '/data-mesh/access#requests');
  });

  it('shows nothing to someone with no requests to decide', async () => {
    const listSubscriptions = jest.fn(async () => ({
      items: [subscription()],
    }));
    await renderSubscriptionView(<AccessRequestsBadge />, {
      viewer: fiona,
      dataMeshApi: { listSubscriptions },
    });

    await waitFor(() =>
      expect(listSubscriptions).toHaveBeenCalledWith({ state: 'pending' }),
    );
    await act(() => new Promise(resolve => setTimeout(resolve, 50)));
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('says that nothing waits where it has a card of its own', async () => {
    await renderSubscriptionView(<AccessRequestsBadge showNone />, {
      viewer: sam,
      dataMeshApi: { listSubscriptions: async () => ({ items: [] }) },
    });

    expect(
      await screen.findByText('No access requests waiting for you.'),
    ).toBeInTheDocument();
  });

  it('says when the requests cannot be counted', async () => {
    await renderSubscriptionView(<AccessRequestsBadge />, {
      viewer: sam,
      dataMeshApi: {
        listSubscriptions: async () => {
          throw new Error('backend down');
        },
      },
    });

    expect(
      await screen.findByText(/Could not count the access requests/),
    ).toHaveTextContent('backend down');
  });
});
