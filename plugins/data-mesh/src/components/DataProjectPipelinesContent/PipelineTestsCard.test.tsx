import { ResponseError } from '@backstage/errors';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PipelineTests } from '../../api';
import { renderWithEntity } from '../DataProductEntity/__testUtils__/renderWithEntity';
import { helloWorldComponent } from '../DataProjectEntity/__testUtils__/helloWorldProject';
import { PipelineTestsCard } from './PipelineTestsCard';

const DIFF = `expected 1 row not found:
  - { segment: "Strategic EMEA" }
unexpected 1 row:
  + { segment: "Mid-market" }`;

function listing(overrides: Partial<PipelineTests> = {}): PipelineTests {
  return {
    project: 'hello-world',
    canRun: true,
    tests: [
      {
        file: 'tests/ComputeSales.test.yaml',
        name: 'totals completed orders',
        description: 'Cancelled orders do not count.',
        subject: { kind: 'pipeline', name: 'ComputeSales' },
        lastResult: {
          file: 'tests/ComputeSales.test.yaml',
          name: 'totals completed orders',
          status: 'passed',
          durationMs: 41.7,
          ranAt: '2026-12-07T08:00:00Z',
          ranBy: 'user:default/sam',
        },
      },
      {
        file: 'tests/CommonSalesClassification.test.yaml',
        name: 'enterprise retail in EMEA',
        subject: { kind: 'rule', name: 'CommonSalesClassification' },
        lastResult: {
          file: 'tests/CommonSalesClassification.test.yaml',
          name: 'enterprise retail in EMEA',
          status: 'failed',
          detail: DIFF,
          durationMs: 12,
          ranAt: '2026-12-07T08:00:00Z',
          ranBy: 'user:default/sofia',
        },
      },
      {
        file: 'tests/EnrichSales.test.yaml',
        name: 'adds the segment',
        subject: { kind: 'subgraph', name: 'EnrichSales' },
      },
    ],
    ...overrides,
  };
}

const render = (api: Parameters<typeof renderWithEntity>[2]) =>
  renderWithEntity(
    <PipelineTestsCard project="hello-world" />,
    helloWorldComponent,
    api,
  );

describe('PipelineTestsCard', () => {
  it('lists each test with what it tests and its last result', async () => {
    const getPipelineTests = jest.fn(async () => listing());
    await render({ getPipelineTests });

    expect(getPipelineTests).toHaveBeenCalledWith('hello-world');
    const sales = (await screen.findByText('totals completed orders')).closest(
      'tr',
    )!;
    expect(within(sales).getByText('pipeline ComputeSales')).toBeVisible();
    expect(within(sales).getByText('Passed')).toBeVisible();
    expect(within(sales).getByText(/sam · 42 ms/)).toBeVisible();
    const rule = screen.getByText('enterprise retail in EMEA').closest('tr')!;
    expect(within(rule).getByText('Failed')).toBeVisible();
    expect(within(rule).getByText(/sofia/)).toBeVisible();
    const subgraph = screen.getByText('adds the segment').closest('tr')!;
    expect(within(subgraph).getByText('Not run yet')).toBeVisible();
  });

  it('shows the row diff of a failure when its row opens', async () => {
    await render({ getPipelineTests: async () => listing() });
    const rule = (await screen.findByText('enterprise retail in EMEA')).closest(
      'tr',
    )!;
    await userEvent.click(within(rule).getAllByRole('button')[0]);
    expect(
      await screen.findByLabelText('Result of enterprise retail in EMEA'),
    ).toHaveTextContent('+ { segment: "Mid-market" }');
  });

  it('runs the tests for those who may, then shows the new results', async () => {
    const getPipelineTests = jest
      .fn()
      .mockResolvedValueOnce(listing())
      .mockResolvedValue(
        listing({
          tests: listing().tests.map(t => ({
            ...t,
            lastResult: {
              file: t.file,
              name: t.name,
              status: 'passed' as const,
              durationMs: 5,
              ranAt: '2026-12-07T09:00:00Z',
              ranBy: 'user:default/sam',
            },
          })),
        }),
      );
    const runPipelineTests = jest.fn(async () => ({
      results: [],
      passed: 3,
      failed: 0,
      errors: 0,
    }));
    await render({ getPipelineTests, runPipelineTests });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Run tests' }),
    );
    expect(runPipelineTests).toHaveBeenCalledWith('hello-world', {});
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Tests ran: 3 passed, 0 failed',
    );
    await waitFor(() => expect(screen.getAllByText('Passed')).toHaveLength(3));
  });

  it('offers no run to those who may only read', async () => {
    await render({
      getPipelineTests: async () => listing({ canRun: false }),
    });
    await screen.findByText('totals completed orders');
    expect(
      screen.queryByRole('button', { name: 'Run tests' }),
    ).not.toBeInTheDocument();
  });

  it('says why a run failed', async () => {
    await render({
      getPipelineTests: async () => listing(),
      runPipelineTests: async () => {
        throw new Error(
          "The data project 'hello-world' has 1 error(s), so its tests cannot run",
        );
      },
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Run tests' }),
    );
    expect(await screen.findByRole('status')).toHaveTextContent(
      'The tests could not run: The data project',
    );
  });

  it('has empty and error states', async () => {
    const { unmount } = await render({
      getPipelineTests: async () => listing({ tests: [] }),
    });
    expect(await screen.findByText('No pipeline tests yet')).toBeVisible();
    unmount();
    await render({
      getPipelineTests: async () => {
        throw await ResponseError.fromResponse(
          new Response(
            JSON.stringify({
              error: { name: 'NotFoundError', message: 'No data project' },
            }),
            { status: 404, headers: { 'content-type': 'application/json' } },
          ) as any,
        );
      },
    });
    expect(
      (await screen.findAllByText(/No data project/)).length,
    ).toBeGreaterThan(0);
  });
});
