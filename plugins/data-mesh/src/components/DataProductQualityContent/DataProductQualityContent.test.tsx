import { screen, within } from '@testing-library/react';
import { DataProductEntity } from '@meshwork/data-mesh-common';
import { QualityResult } from '../../api';
import {
  providerRule,
  totalSales,
} from '../DataProductEntity/__testUtils__/totalSales';
import { renderWithEntity } from '../DataProductEntity/__testUtils__/renderWithEntity';
import { DataProductQualityContent } from './DataProductQualityContent';

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
      schema: [
        {
          name: 'TotalSales',
          quality: [
            providerRule('not_null:category', 'category is not null'),
            { id: 'range:net_revenue', name: 'net_revenue is at least 0' },
          ],
        },
      ],
    },
  },
};

let nextId = 0;
function result(
  ruleKey: string,
  status: QualityResult['status'],
  evaluatedAt: string,
  extra: Partial<QualityResult> = {},
): QualityResult {
  nextId += 1;
  return {
    id: `result-${nextId}`,
    dataset: 'TotalSales',
    evaluatedAt,
    jobRunId: `run-${evaluatedAt.slice(0, 10)}`,
    ruleKey,
    ruleLabel: `${ruleKey} (backend label)`,
    status,
    ...extra,
  };
}

// Newest first, as the API answers.
const history = [
  result('range:net_revenue', 'fail', '2026-12-04T06:00:00Z', {
    failingRows: 3,
    checkedRows: 480,
    observed: '-12.50',
    message: 'net_revenue below 0 in 3 rows',
  }),
  result('not_null:category', 'pass', '2026-12-04T06:00:00Z'),
  result('range:net_revenue', 'pass', '2026-12-03T06:00:00Z'),
  result('not_null:category', 'error', '2026-12-03T06:00:00Z', {
    message: 'table gold.total_sales not found',
  }),
  result('retired:rule', 'pass', '2026-12-02T06:00:00Z'),
];

describe('DataProductQualityContent', () => {
  it('charts every rule over time and lists the last failures', async () => {
    const listQualityResults = jest.fn(async () => ({
      items: history,
      totalCount: history.length,
    }));
    await renderWithEntity(<DataProductQualityContent />, published, {
      listQualityResults,
    });

    const chart = await screen.findByRole('figure', {
      name: 'Quality rule results over time',
    });
    expect(listQualityResults).toHaveBeenCalledWith({
      project: 'hello-world',
      dataset: 'TotalSales',
      limit: 500,
    });
    // One row per measured rule, named as the contract describes it; a rule
    // the contract no longer declares keeps its measured history.
    for (const rule of [
      'category is not null',
      'net_revenue is at least 0',
      'retired:rule (backend label)',
    ]) {
      expect(within(chart).getByText(rule)).toBeInTheDocument();
    }
    // One mark per check, in the shape of its status.
    expect(chart.querySelectorAll('.recharts-scatter-symbol')).toHaveLength(5);
    expect(within(chart).getByText('Pass')).toBeInTheDocument();
    expect(within(chart).getByText('Fail')).toBeInTheDocument();

    const failures = screen.getAllByRole('row').slice(1);
    expect(failures).toHaveLength(2);
    expect(failures[0]).toHaveTextContent('net_revenue is at least 0');
    expect(failures[0]).toHaveTextContent(
      '3 of 480 rows fail, observed -12.50',
    );
    expect(failures[0]).toHaveTextContent('net_revenue below 0 in 3 rows');
    expect(failures[0]).toHaveTextContent('run-2026-12-04');
    expect(failures[1]).toHaveTextContent('category is not null');
    expect(failures[1]).toHaveTextContent('Could not check');
    expect(failures[1]).toHaveTextContent('table gold.total_sales not found');
  });

  it('reads older pages of results until there are no more', async () => {
    const listQualityResults = jest
      .fn()
      .mockResolvedValueOnce({
        items: history.slice(0, 2),
        totalCount: 5,
        nextCursor: 'page-2',
      })
      .mockResolvedValueOnce({ items: history.slice(2), totalCount: 5 });
    await renderWithEntity(<DataProductQualityContent />, published, {
      listQualityResults,
    });

    const chart = await screen.findByRole('figure', {
      name: 'Quality rule results over time',
    });
    expect(chart.querySelectorAll('.recharts-scatter-symbol')).toHaveLength(5);
    expect(listQualityResults).toHaveBeenLastCalledWith({
      project: 'hello-world',
      dataset: 'TotalSales',
      limit: 500,
      cursor: 'page-2',
    });
  });

  it('says so when every check passed', async () => {
    const passes = history.filter(r => r.status === 'pass');
    await renderWithEntity(<DataProductQualityContent />, published, {
      listQualityResults: async () => ({
        items: passes,
        totalCount: passes.length,
      }),
    });

    expect(
      await screen.findByText('Every check of the last 3 passed.'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Last failures')).toBeNull();
  });

  it('says how to get a run when nothing was measured yet', async () => {
    await renderWithEntity(<DataProductQualityContent />, published, {
      listQualityResults: async () => ({ items: [], totalCount: 0 }),
    });

    expect(await screen.findByText('No runs measured yet')).toBeInTheDocument();
    expect(screen.getByText(/"Run now" on the Runs tab/)).toBeInTheDocument();
    expect(screen.queryByRole('figure')).toBeNull();
  });

  it('shows progress while the results load', async () => {
    await renderWithEntity(<DataProductQualityContent />, published, {
      listQualityResults: () => new Promise<never>(() => {}),
    });

    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error when the results cannot be read', async () => {
    await renderWithEntity(<DataProductQualityContent />, published, {
      listQualityResults: async () => {
        throw new Error('data-mesh backend unreachable');
      },
    });

    expect(
      await screen.findByText('Error: data-mesh backend unreachable'),
    ).toBeInTheDocument();
  });

  it('does not ask the backend about a product no project publishes', async () => {
    const listQualityResults = jest.fn();
    await renderWithEntity(<DataProductQualityContent />, totalSales, {
      listQualityResults,
    });

    expect(
      await screen.findByText('Not measured by Meshwork'),
    ).toBeInTheDocument();
    expect(listQualityResults).not.toHaveBeenCalled();
  });
});
