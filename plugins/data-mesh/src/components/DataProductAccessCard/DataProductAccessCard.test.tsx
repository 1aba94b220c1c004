import { screen } from '@testing-library/react';
import { totalSales } from '../DataProductEntity/__testUtils__/totalSales';
import { renderWithEntity } from '../DataProductEntity/__testUtils__/renderWithEntity';
import { DataProductAccessCard } from './DataProductAccessCard';

describe('DataProductAccessCard', () => {
  it('holds the place of "Request access" and points at the owner meanwhile', async () => {
    await renderWithEntity(<DataProductAccessCard />, totalSales);

    expect(
      await screen.findByText('Requesting access is coming'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'sales-analytics' }),
    ).toHaveAttribute('href', '/catalog/default/group/sales-analytics');
    expect(screen.queryByRole('button', { name: /request access/i })).toBeNull();
  });

  it('warns when placed on an entity that is not a data product', async () => {
    await renderWithEntity(<DataProductAccessCard />, {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'sales-analytics' },
      spec: {},
    });

    expect(
      await screen.findByText('Warning: Not a data product'),
    ).toBeInTheDocument();
  });
});
