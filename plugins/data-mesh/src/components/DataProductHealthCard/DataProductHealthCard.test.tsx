import { screen, within } from '@testing-library/react';
import { DataProductEntity } from '@meshwork/data-mesh-common';
import { DataMeshApi, DatasetFreshness, QualityResult } from '../../api';
import {
  providerRule,
  totalSales,
} from '../DataProductEntity/__testUtils__/totalSales';
import { renderWithEntity } from '../DataProductEntity/__testUtils__/renderWithEntity';
import { DataProductHealthCard } from './DataProductHealthCard';

/** TotalSales as the provider publishes it: linked to its project dataset. */
const published: DataProductEntity = {
  ...totalSales,
  metadata: {
    ...totalSales.metadata,
    annotations: {
      'meshwork.io/project': 'hello-world',
      'meshwork.io/dataset': 'TotalSales',
    },
  },
  spec: {
    ...totalSales.spec,
    contract: {
      ...totalSales.spec.contract,
      schema: [
        {
          name: 'TotalSales',
          quality: [
            // As the provider writes them, keyed by a custom property.
            providerRule(
              'unique:currency,category',
              'currency, category is unique',
            ),
            providerRule('not_null:category', 'category is not null'),
            // As a contract written by hand may key it.
            { id: 'range:net_revenue', name: 'net_revenue is at least 0' },
          ],
        },
      ],
      slaProperties: [{ property: 'latency', value: 26, unit: 'h' }],
    },
  },
};

function result(
  ruleKey: string,
  status: QualityResult['status'],
  extra: Partial<QualityResult> = {},
): QualityResult {
  return {
    id: `${ruleKey}-${status}`,
    dataset: 'TotalSales',
    evaluatedAt: '2026-12-05T06:00:00Z',
    jobRunId: 'run-1',
    ruleKey,
    ruleLabel: ruleKey,
    status,
    ...extra,
  };
}

const freshReport: DatasetFreshness = {
  dataset: 'TotalSales',
  project: 'hello-world',
  owner: 'group:default/sales-analytics',
  table: 'gold.total_sales',
  status: 'fresh',
  ageHours: 3,
  slaHours: 26,
  lastWrittenAt: '2026-12-05T06:00:00Z',
  message: 'Written 3 hours ago, within its 26-hour SLA.',
};

function page<T>(items: T[]) {
  return { items, totalCount: items.length };
}

describe('DataProductHealthCard', () => {
  it('holds the contract against the latest measurements', async () => {
    const listQualityResults = jest.fn(async () =>
      page([
        // newest first: the older pass of not_null must not count
        result('not_null:category', 'fail', { failingRows: 12 }),
        result('unique:currency,category', 'pass'),
        result('not_null:category', 'pass'),
      ]),
    );
    const listFreshness = jest.fn(async () =>
      page([{ ...freshReport, dataset: 'DailySummary' }, freshReport]),
    );
    await renderWithEntity(<DataProductHealthCard />, published, {
      listQualityResults,
      listFreshness,
    });

    expect(
      await screen.findByText('Latest results: 1 of 2 rules pass'),
    ).toBeInTheDocument();
    expect(listQualityResults).toHaveBeenCalledWith(
      expect.objectContaining({
        project: 'hello-world',
        dataset: 'TotalSales',
      }),
    );
    expect(listFreshness).toHaveBeenCalledWith(
      expect.objectContaining({ project: 'hello-world' }),
    );
    expect(
      screen.getByText('Promised: updated at least every 26 hours.'),
    ).toBeInTheDocument();
    expect(screen.getByText('Fresh')).toBeInTheDocument();
    expect(
      screen.getByText(/Written 3 hours ago, within its 26-hour SLA/),
    ).toBeInTheDocument();
    const rules = within(
      screen.getByRole('list', { name: 'Declared quality rules' }),
    ).getAllByRole('listitem');
    expect(rules.map(rule => rule.textContent)).toEqual([
      'currency, category is uniquePass',
      'category is not nullFail 12 failing rows',
      'net_revenue is at least 0Not measured yet',
    ]);
    expect(screen.queryByText('No runs measured yet')).toBeNull();
  });

  it('shows a stale product as stale', async () => {
    await renderWithEntity(<DataProductHealthCard />, published, {
      listQualityResults: async () => page([]),
      listFreshness: async () =>
        page([
          {
            ...freshReport,
            status: 'stale',
            ageHours: 40,
            message: 'Written 40 hours ago, past its 26-hour SLA.',
          },
        ]),
    });

    expect(await screen.findByText('Stale')).toBeInTheDocument();
    expect(screen.getByText(/past its 26-hour SLA/)).toBeInTheDocument();
  });

  it('says so when no run has measured the dataset yet', async () => {
    await renderWithEntity(<DataProductHealthCard />, published, {
      listQualityResults: async () => page([]),
      listFreshness: async () => page([]),
    });

    expect(await screen.findByText('No runs measured yet')).toBeInTheDocument();
    expect(screen.queryByText(/Latest results/)).toBeNull();
  });

  it('shows progress while the measurements load', async () => {
    const never = () => new Promise<never>(() => {});
    await renderWithEntity(<DataProductHealthCard />, published, {
      listQualityResults: never,
      listFreshness: never,
    });

    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    expect(screen.getByText('category is not null')).toBeInTheDocument();
  });

  it('shows the error when the measurements cannot be read', async () => {
    const api: Partial<DataMeshApi> = {
      listQualityResults: async () => {
        throw new Error('data-mesh backend unreachable');
      },
      listFreshness: async () => page([]),
    };
    await renderWithEntity(<DataProductHealthCard />, published, api);

    expect(
      await screen.findByText('Error: data-mesh backend unreachable'),
    ).toBeInTheDocument();
    expect(screen.getByText('category is not null')).toBeInTheDocument();
  });

  it('does not ask the backend about a product no project publishes', async () => {
    const listFreshness = jest.fn();
    await renderWithEntity(<DataProductHealthCard />, totalSales, {
      listFreshness,
    });

    expect(
      await screen.findByText('Not measured by Meshwork'),
    ).toBeInTheDocument();
    expect(listFreshness).not.toHaveBeenCalled();
    const rules = within(
      screen.getByRole('list', { name: 'Declared quality rules' }),
    ).getAllByRole('listitem');
    expect(rules.map(rule => rule.textContent)).toEqual([
      'currency and category are unique together',
      'not_null on category',
    ]);
  });

  it('names the table of each rule when the contract has several', async () => {
    const twoTables: DataProductEntity = {
      ...totalSales,
      spec: {
        ...totalSales.spec,
        contract: {
          quality: [{ type: 'sql', name: 'rows match', severity: 'warning' }],
          schema: [
            { name: 'orders', quality: [{ rule: 'unique', column: 'id' }] },
            { name: 'lines' },
          ],
        },
      },
    };
    await renderWithEntity(<DataProductHealthCard />, twoTables);

    const rules = within(
      await screen.findByRole('list', { name: 'Declared quality rules' }),
    ).getAllByRole('listitem');
    expect(rules.map(rule => rule.textContent)).toEqual([
      'rows match warning',
      'unique on id orders',
    ]);
  });

  it('says so when the contract promises nothing', async () => {
    const bare: DataProductEntity = {
      ...totalSales,
      spec: { ...totalSales.spec, contract: undefined },
    };
    await renderWithEntity(<DataProductHealthCard />, bare);

    expect(
      await screen.findByText('The contract makes no freshness promise.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('The contract declares no quality rules.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('list')).toBeNull();
  });
});
