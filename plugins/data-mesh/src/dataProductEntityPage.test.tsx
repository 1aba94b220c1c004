import { renderTestApp } from '@backstage/frontend-test-utils';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import { dataMeshApiRef } from './api';
import { totalSales } from './components/DataProductEntity/__testUtils__/totalSales';
import {
  dataProductAccessCard,
  dataProductHealthCard,
  dataProductOverviewCard,
  dataProductSchemaContent,
} from './plugin';

// The page loads each extension lazily; on a busy machine that takes a while.
const slowly = { timeout: 15_000 };

const dataProductExtensions = [
  dataProductOverviewCard,
  dataProductHealthCard,
  dataProductAccessCard,
  dataProductSchemaContent,
];

describe('DataProduct entity page extensions', () => {
  jest.setTimeout(60_000);

  it('put the overview cards and the Schema tab on a DataProduct page', async () => {
    renderTestApp({
      // TotalSales here is not linked to a project, so only the Access
      // card fetches: the user's subscriptions to it.
      apis: [
        [dataMeshApiRef, { listSubscriptions: async () => ({ items: [] }) }],
      ],
      extensions: [
        createTestEntityPage({ entity: totalSales }),
        ...dataProductExtensions,
      ],
    });

    expect(
      await screen.findByText('Data product', {}, slowly),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('Quality and freshness', {}, slowly),
    ).toBeInTheDocument();
    expect(await screen.findByText('Access', {}, slowly)).toBeInTheDocument();
    expect(
      await screen.findByRole('columnheader', { name: 'Derivation' }, slowly),
    ).toBeInTheDocument();
  });

  it('leave the pages of other kinds alone', async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({
          entity: {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'hello-world' },
            spec: { type: 'data-project' },
          },
        }),
        ...dataProductExtensions,
      ],
    });

    expect(
      await screen.findByTestId('empty-entity-page', {}, slowly),
    ).toBeInTheDocument();
  });
});
