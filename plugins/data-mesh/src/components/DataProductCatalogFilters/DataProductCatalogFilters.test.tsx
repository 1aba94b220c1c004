import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  catalogApiRef,
  EntityKindFilter,
  useEntityList,
} from '@backstage/plugin-catalog-react';
import {
  catalogApiMock,
  MockEntityListContextProvider,
} from '@backstage/plugin-catalog-react/testUtils';
import { DataMeshApi, dataMeshApiRef, DatasetFreshness } from '../../api';
import { DataProductDomainPicker } from './DataProductDomainPicker';
import { DataProductFreshnessPicker } from './DataProductFreshnessPicker';
import { DataProductLayerPicker } from './DataProductLayerPicker';
import { DataProductPiiPicker } from './DataProductPiiPicker';
import {
  DataProductEntityFilters,
  DataProductLayerFilter,
  DataProductPiiFilter,
} from './filters';
import { customers, ledger, platformSystem, totalSales } from './testEntities';

const dataProductKind = new EntityKindFilter('dataproduct', 'DataProduct');
const componentKind = new EntityKindFilter('component', 'Component');

/** The list's filters as the pickers left them, and a way to change kind. */
let list: {
  filters: DataProductEntityFilters;
  updateFilters: (update: Partial<DataProductEntityFilters>) => void;
};
function ListProbe() {
  const { filters, updateFilters } = useEntityList<DataProductEntityFilters>();
  list = { filters, updateFilters };
  return null;
}

function renderPicker(
  picker: JSX.Element,
  options: {
    filters?: DataProductEntityFilters;
    queryParameters?: Record<string, string | string[]>;
    dataMeshApi?: Partial<DataMeshApi>;
  } = {},
) {
  return renderInTestApp(
    <MockEntityListContextProvider<DataProductEntityFilters>
      value={{
        filters: options.filters ?? { kind: dataProductKind },
        queryParameters: options.queryParameters ?? {},
      }}
    >
      {picker}
      <ListProbe />
    </MockEntityListContextProvider>,
    {
      apis: [
        [
          catalogApiRef,
          catalogApiMock({
            entities: [totalSales, customers, ledger, platformSystem],
          }),
        ],
        [dataMeshApiRef, options.dataMeshApi ?? {}],
      ],
    },
  );
}

function report(
  project: string,
  dataset: string,
  status: DatasetFreshness['status'],
): DatasetFreshness {
  return {
    project,
    dataset,
    table: dataset,
    owner: 'group:default/sales-analytics',
    status,
    message: status,
  };
}

describe('DataProductDomainPicker', () => {
  it('offers the domains of DataProducts and filters by the chosen one', async () => {
    await renderPicker(<DataProductDomainPicker />);
    await userEvent.click(
      await screen.findByRole('textbox', { name: 'Domain' }),
    );

    const options = await screen.findAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('finance'),
        expect.stringContaining('sales'),
      ]),
    );
    // Systems have domains too; the picker lists only DataProducts'.
    expect(screen.queryByRole('option', { name: /platform/ })).toBeNull();

    await userEvent.click(screen.getByRole('option', { name: /finance/ }));
    await waitFor(() =>
      expect(list.filters.domains?.values).toEqual(['finance']),
    );
    expect(list.filters.domains?.getCatalogQuery()).toEqual({
      'spec.domain': 'finance',
    });
  });

  it('is hidden for other kinds', async () => {
    await renderPicker(<DataProductDomainPicker />, {
      filters: { kind: componentKind },
    });
    expect(screen.queryByRole('textbox', { name: 'Domain' })).toBeNull();
    expect(screen.queryByText('Domain')).toBeNull();
  });
});

describe('DataProductLayerPicker', () => {
  it('offers the layers of DataProducts and filters by the chosen one', async () => {
    await renderPicker(<DataProductLayerPicker />);
    await userEvent.click(
      await screen.findByRole('textbox', { name: 'Layer' }),
    );

    const options = await screen.findAllByRole('option');
    expect(options).toHaveLength(3);
    await userEvent.click(screen.getByRole('option', { name: /gold/ }));
    await waitFor(() => expect(list.filters.layers?.values).toEqual(['gold']));
    expect(list.filters.layers?.filterEntity(totalSales)).toBe(true);
    expect(list.filters.layers?.filterEntity(customers)).toBe(false);
  });

  it('hides itself and drops its filter when another kind is chosen', async () => {
    await renderPicker(<DataProductLayerPicker />, {
      filters: {
        kind: dataProductKind,
        layers: new DataProductLayerFilter(['gold']),
      },
    });
    expect(
      await screen.findByRole('textbox', { name: 'Layer' }),
    ).toBeInTheDocument();

    act(() => list.updateFilters({ kind: componentKind }));

    await waitFor(() =>
      expect(screen.queryByRole('textbox', { name: 'Layer' })).toBeNull(),
    );
    expect(list.filters.layers).toBeUndefined();
  });
});

describe('DataProductPiiPicker', () => {
  it('filters to products with PII when checked, and back when unchecked', async () => {
    await renderPicker(<DataProductPiiPicker />);
    const checkbox = screen.getByRole('checkbox', { name: 'Contains PII' });
    expect(checkbox).not.toBeChecked();
    expect(list.filters.containsPii).toBeUndefined();

    await userEvent.click(checkbox);
    expect(checkbox).toBeChecked();
    expect(list.filters.containsPii).toBeInstanceOf(DataProductPiiFilter);
    expect(list.filters.containsPii?.getCatalogQuery()).toEqual({
      'spec.containsPii': 'true',
    });

    await userEvent.click(checkbox);
    expect(list.filters.containsPii).toBeUndefined();
  });

  it('starts checked from the page URL', async () => {
    await renderPicker(<DataProductPiiPicker />, {
      queryParameters: { containsPii: 'true' },
    });
    expect(
      screen.getByRole('checkbox', { name: 'Contains PII' }),
    ).toBeChecked();
    expect(list.filters.containsPii).toBeInstanceOf(DataProductPiiFilter);
  });

  it('is hidden for other kinds and drops its filter', async () => {
    await renderPicker(<DataProductPiiPicker />, {
      filters: { kind: componentKind, containsPii: new DataProductPiiFilter() },
    });
    expect(screen.queryByRole('checkbox', { name: 'Contains PII' })).toBeNull();
    await waitFor(() => expect(list.filters.containsPii).toBeUndefined());
  });
});

describe('DataProductFreshnessPicker', () => {
  it('reads every freshness report at once and filters by the chosen statuses', async () => {
    const listFreshness = jest
      .fn()
      .mockResolvedValueOnce({
        items: [report('hello-world', 'TotalSales', 'fresh')],
        totalCount: 2,
        nextCursor: 'page-2',
      })
      .mockResolvedValueOnce({
        items: [report('hello-world', 'Customers', 'stale')],
        totalCount: 2,
      });
    await renderPicker(<DataProductFreshnessPicker />, {
      dataMeshApi: { listFreshness },
    });

    await userEvent.click(
      await screen.findByRole('textbox', { name: 'Freshness' }),
    );
    const options = await screen.findAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'Fresh',
      'Stale',
      'Unknown',
    ]);
    await userEvent.click(screen.getByRole('option', { name: 'Stale' }));

    await waitFor(() =>
      expect(list.filters.freshness?.values).toEqual(['stale']),
    );
    const filter = list.filters.freshness!;
    expect(
      [totalSales, customers, ledger].filter(e => filter.filterEntity(e)),
    ).toEqual([customers]);
    expect(listFreshness).toHaveBeenCalledTimes(2);
    expect(listFreshness).toHaveBeenNthCalledWith(1, { limit: 500 });
    expect(listFreshness).toHaveBeenNthCalledWith(2, {
      limit: 500,
      cursor: 'page-2',
    });
  });

  it('restores the statuses from the page URL', async () => {
    const listFreshness = jest.fn().mockResolvedValue({
      items: [report('hello-world', 'TotalSales', 'fresh')],
      totalCount: 1,
    });
    await renderPicker(<DataProductFreshnessPicker />, {
      dataMeshApi: { listFreshness },
      queryParameters: { freshness: ['unknown', 'bogus'] },
    });
    await waitFor(() =>
      expect(list.filters.freshness?.values).toEqual(['unknown']),
    );
    expect(list.filters.freshness?.filterEntity(ledger)).toBe(true);
    expect(list.filters.freshness?.filterEntity(totalSales)).toBe(false);
  });

  it('says when the reports cannot be loaded, and sets no filter', async () => {
    const listFreshness = jest.fn().mockRejectedValue(new Error('boom'));
    await renderPicker(<DataProductFreshnessPicker />, {
      dataMeshApi: { listFreshness },
      queryParameters: { freshness: 'stale' },
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Freshness could not be loaded: boom',
    );
    expect(screen.getByRole('textbox', { name: 'Freshness' })).toBeDisabled();
    expect(list.filters.freshness).toBeUndefined();
  });

  it('is hidden for other kinds and asks the backend nothing', async () => {
    const listFreshness = jest.fn();
    await renderPicker(<DataProductFreshnessPicker />, {
      filters: { kind: componentKind },
      dataMeshApi: { listFreshness },
    });
    expect(screen.queryByRole('textbox', { name: 'Freshness' })).toBeNull();
    expect(listFreshness).not.toHaveBeenCalled();
  });
});
