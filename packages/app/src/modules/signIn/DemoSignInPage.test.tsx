import { renderInTestApp } from '@backstage/frontend-test-utils';
import { discoveryApiRef } from '@backstage/core-plugin-api';
import { screen } from '@testing-library/react';
import { DemoSignInPage } from './DemoSignInPage';

describe('DemoSignInPage', () => {
  beforeEach(() => window.localStorage.clear());

  it('offers one sign-in button per configured demo user', async () => {
    await renderInTestApp(<DemoSignInPage onSignInSuccess={jest.fn()} />, {
      config: {
        auth: {
          providers: {
            demo: {
              development: {
                users: [
                  { name: 'sam', title: 'Sam Sales', description: 'Producer' },
                  { name: 'fiona', title: 'Fiona Finance' },
                ],
              },
            },
          },
        },
      },
    });

    expect(screen.getByText('Sam Sales')).toBeInTheDocument();
    expect(screen.getByText('Producer')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Sign in as sam' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Sign in as fiona' }),
    ).toBeInTheDocument();
  });

  it('explains what to configure when there are no demo users', async () => {
    await renderInTestApp(<DemoSignInPage onSignInSuccess={jest.fn()} />);

    expect(
      screen.getByText(/auth\.providers\.demo\.development\.users/),
    ).toBeInTheDocument();
  });

  it('returns to the picker with the reason when signing in fails', async () => {
    window.localStorage.setItem('meshwork:demo-user', 'sam');
    const onSignInSuccess = jest.fn();

    await renderInTestApp(
      <DemoSignInPage onSignInSuccess={onSignInSuccess} />,
      {
        config: {
          auth: {
            providers: { demo: { development: { users: [{ name: 'sam' }] } } },
          },
        },
        apis: [
          [
            discoveryApiRef,
            {
              getBaseUrl: async () => {
                throw new Error('auth backend is down');
              },
            },
          ],
        ],
      },
    );

    expect(
      await screen.findByText('Error: Sign-in failed'),
    ).toBeInTheDocument();
    expect(screen.getByText(/auth backend is down/)).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Sign in as sam' }),
    ).toBeInTheDocument();
    expect(onSignInSuccess).not.toHaveBeenCalled();
  });
});
