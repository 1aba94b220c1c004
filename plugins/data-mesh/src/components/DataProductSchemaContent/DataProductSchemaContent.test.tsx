import { screen, within } from '@testing-library/react';
import { DataProductEntity } from '@meshwork/data-mesh-common';
import { totalSales } from '../DataProductEntity/__testUtils__/totalSales';
import { renderWithEntity } from '../DataProductEntity/__testUtils__/renderWithEntity';
import { DataProductSchemaContent } from './DataProductSchemaContent';

function row(columnName: string) {
  return screen.getByRole('row', { name: new RegExp(`^${columnName}\\b`) });
}

function withContract(
  contract: DataProductEntity['spec']['contract'],
): DataProductEntity {
  return { ...totalSales, spec: { ...totalSales.spec, contract } };
}

describe('DataProductSchemaContent', () => {
  it('lists every column of the contract with its type and description', async () => {
    await renderWithEntity(<DataProductSchemaContent />, totalSales);

    expect(await screen.findByText('TotalSales')).toBeInTheDocument();
    const headers = screen
      .getAllByRole('columnheader')
      .map(header => header.textContent);
    expect(headers).toEqual([
      'Column',
      'Type',
      'Description',
      'Classification',
      'Tags',
      'Derivation',
    ]);
    expect(
      screen.getAllByRole('row').slice(1).map(r => r.querySelector('code')?.textContent),
    ).toEqual([
      'currency',
      'category',
      'order_count',
      'net_revenue',
      'top_customer_email',
    ]);
    const netRevenue = row('net_revenue');
    expect(within(netRevenue).getByText('decimal(22,2)')).toBeInTheDocument();
    expect(within(netRevenue).getByText('number')).toBeInTheDocument();
    expect(
      within(netRevenue).getByText('Sum of line amounts after discount.'),
    ).toBeInTheDocument();
    expect(row('currency')).toHaveTextContent('primary key');
    expect(within(row('currency')).getByText('finance')).toBeInTheDocument();
    expect(row('category')).toHaveTextContent('required');
  });

  it('highlights PII columns with an accessible label, and only those', async () => {
    await renderWithEntity(<DataProductSchemaContent />, totalSales);

    const pii = await screen.findAllByLabelText('Personal data (PII)');
    expect(pii).toHaveLength(1);
    expect(within(row('top_customer_email')).getByLabelText('Personal data (PII)'))
      .toHaveTextContent('pii');
  });

  it('shows the formula of derived columns and their input columns', async () => {
    await renderWithEntity(<DataProductSchemaContent />, totalSales);

    const orderCount = await screen.findByRole('row', { name: /^order_count/ });
    expect(
      within(orderCount).getByText('count(DISTINCT order_id)'),
    ).toBeInTheDocument();
    expect(
      within(orderCount).getByText('from bronze_orders.order_id'),
    ).toBeInTheDocument();
    expect(within(row('net_revenue')).getByText('sum(line_amount)'))
      .toBeInTheDocument();
    expect(row('category')).not.toHaveTextContent('from ');
  });

  it('shows one table per schema object of the contract', async () => {
    await renderWithEntity(
      <DataProductSchemaContent />,
      withContract({
        schema: [
          { name: 'orders', properties: [{ name: 'order_id' }] },
          { name: 'empty' },
          { name: 'lines', properties: [{ name: 'line_id' }] },
        ],
      }),
    );

    expect(await screen.findByText('orders')).toBeInTheDocument();
    expect(screen.getByText('lines')).toBeInTheDocument();
    expect(screen.queryByText('empty')).toBeNull();
    expect(screen.getAllByRole('table')).toHaveLength(2);
  });

  it('says so when the product has no contract', async () => {
    await renderWithEntity(
      <DataProductSchemaContent />,
      withContract(undefined),
    );

    expect(
      await screen.findByText('No schema in the contract'),
    ).toBeInTheDocument();
    expect(screen.getByText(/has no data contract yet/)).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('says so when the contract lists no columns', async () => {
    await renderWithEntity(
      <DataProductSchemaContent />,
      withContract({ schema: [{ name: 'TotalSales', properties: [] }] }),
    );

    expect(
      await screen.findByText("This data product's contract lists no columns yet."),
    ).toBeInTheDocument();
  });
});
