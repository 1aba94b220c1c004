import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  helloWorldTotalSales,
  totalSales,
} from '../DataProductEntity/__testUtils__/totalSales';
import {
  apiError,
  fiona,
  renderSubscriptionView,
  subscription,
} from '../Subscriptions/__testUtils__/renderSubscriptionView';
import { DataProductSampleContent } from './DataProductSampleContent';

const published = helloWorldTotalSales;

describe('DataProductSampleContent', () => {
  it('shows a subscriber the granted rows, PII masked', async () => {
    const getDatasetSample = jest.fn(async () => ({
      access: 'subscriber' as const,
      columns: [
        { name: 'currency', type: 'string', masked: false },
        { name: 'top_customer_email', type: 'string', masked: true },
      ],
      rows: [
        { currency: 'EUR', top_customer_email: '***' },
        { currency: 'USD', top_customer_email: null },
      ],
    }));
    await renderSubscriptionView(<DataProductSampleContent />, {
      viewer: fiona,
      entity: published,
      dataMeshApi: { getDatasetSample },
    });

    expect(await screen.findByText('Sample of 2 rows')).toBeInTheDocument();
    expect(getDatasetSample).toHaveBeenCalledWith('hello-world', 'TotalSales');
    expect(screen.getByRole('row', { name: /EUR/ })).toHaveTextContent('***');
    expect(
      screen.getByRole('columnheader', { name: /top_customer_email masked/ }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Masked \(personal data outside your grant\)/),
    ).toHaveTextContent('top_customer_email');
  });

  it('explains a refusal and offers to request access', async () => {
    const requestSubscription = jest.fn(async () => subscription());
    await renderSubscriptionView(<DataProductSampleContent />, {
      viewer: fiona,
      entity: published,
      dataMeshApi: {
        getDatasetSample: async () => {
          throw await apiError(
            403,
            'NotAllowedError',
            'finance-insights has no approved subscription to total-sales.',
          );
        },
        requestSubscription,
      },
    });

    expect(
      await screen.findByText("You cannot see this product's rows"),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/has no approved subscription to total-sales/),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Request access' }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Request access to TotalSales',
    });
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Purpose/ }),
      'Forecasts',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Send request' }),
    );

    expect(requestSubscription).toHaveBeenCalledWith({
      product: 'dataproduct:default/total-sales',
      purpose: 'Forecasts',
    });
    expect(await screen.findByText('Request sent')).toBeInTheDocument();
  });

  it('says when the dataset has no rows', async () => {
    await renderSubscriptionView(<DataProductSampleContent />, {
      viewer: fiona,
      entity: published,
      dataMeshApi: {
        getDatasetSample: async () => ({
          access: 'owner' as const,
          columns: [{ name: 'currency', type: 'string', masked: false }],
          rows: [],
        }),
      },
    });

    expect(await screen.findByText('No rows yet')).toBeInTheDocument();
  });

  it('shows other errors as errors', async () => {
    await renderSubscriptionView(<DataProductSampleContent />, {
      viewer: fiona,
      entity: published,
      dataMeshApi: {
        getDatasetSample: async () => {
          throw await apiError(500, 'Error', 'engine crashed');
        },
      },
    });

    expect(
      (await screen.findAllByText(/engine crashed/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByRole('button', { name: 'Request access' })).toBeNull();
  });

  it('has no sample for a product no project publishes', async () => {
    await renderSubscriptionView(<DataProductSampleContent />, {
      viewer: fiona,
      entity: totalSales,
    });

    expect(await screen.findByText('No sample')).toBeInTheDocument();
  });
});
