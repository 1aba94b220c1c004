import { ResponseError } from '@backstage/errors';
import { screen, within } from '@testing-library/react';
import { renderWithEntity } from '../DataProductEntity/__testUtils__/renderWithEntity';
import {
  helloWorldComponent,
  helloWorldStructure,
  pending,
  taskRun,
} from '../DataProjectEntity/__testUtils__/helloWorldProject';
import { DataProjectPipelinesContent } from './DataProjectPipelinesContent';

describe('DataProjectPipelinesContent', () => {
  it('lists each pipeline with its datasets, jobs and last run', async () => {
    const getProject = jest.fn(async () =>
      helloWorldStructure({
        pipelines: [
          ...helloWorldStructure().pipelines,
          {
            name: 'LoadAccounts',
            reads: [],
            writes: ['CustomerAccounts'],
            jobs: ['DailySummary'],
            lastTaskRun: taskRun({
              pipeline: 'LoadAccounts',
              status: 'failed',
              rowsWritten: undefined,
              error: 'Binder Error: column "id" not found',
            }),
          },
        ],
      }),
    );
    await renderWithEntity(
      <DataProjectPipelinesContent />,
      helloWorldComponent,
      {
        getProject,
        getPipelineTests: async () => ({
          project: 'hello-world',
          canRun: false,
          tests: [],
        }),
      },
    );

    expect(getProject).toHaveBeenCalledWith('hello-world');
    const sales = (await screen.findByText('ComputeSales')).closest('tr')!;
    expect(
      within(sales).getByRole('link', { name: 'ComputeSales' }),
    ).toHaveAttribute('href', '/data-mesh/pipelines/hello-world/ComputeSales');
    const totalSales = within(sales).getByRole('link', { name: 'TotalSales' });
    expect(totalSales).toHaveAttribute(
      'href',
      '/catalog/default/dataproduct/total-sales',
    );
    expect(
      within(sales).getByRole('link', { name: 'CustomerOrder' }),
    ).toHaveAttribute('href', '/catalog/default/dataproduct/customer-order');
    expect(within(sales).getByText('Succeeded')).toBeInTheDocument();
    expect(within(sales).getByText(/1,234 rows · 1m 05s/)).toBeInTheDocument();
    expect(
      within(sales).getByText('Sums completed sales.'),
    ).toBeInTheDocument();

    const lengths = screen.getByText('account_length_days').closest('tr')!;
    expect(within(lengths).getByText('Not run yet')).toBeInTheDocument();
    expect(
      within(lengths).getByText('DailySummary, Job-Test'),
    ).toBeInTheDocument();
    // A dataset the project does not declare is named, not linked.
    expect(within(lengths).getByText('AccountLength')).not.toHaveAttribute(
      'href',
    );

    const accounts = screen.getByText('LoadAccounts').closest('tr')!;
    expect(within(accounts).getByText('Failed')).toBeInTheDocument();
    expect(
      within(accounts).getByText('Binder Error: column "id" not found'),
    ).toBeInTheDocument();
    // The project's pipeline tests follow the pipelines.
    expect(await screen.findByText('No pipeline tests yet')).toBeVisible();
  });

  it('shows progress while the project loads', async () => {
    await renderWithEntity(
      <DataProjectPipelinesContent />,
      helloWorldComponent,
      {
        getProject: () => pending(),
      },
    );
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('says so when the project has no pipelines', async () => {
    await renderWithEntity(
      <DataProjectPipelinesContent />,
      helloWorldComponent,
      {
        getProject: async () => helloWorldStructure({ pipelines: [] }),
      },
    );
    expect(await screen.findByText('No pipelines yet')).toBeInTheDocument();
  });

  it('shows the error when the project cannot be read', async () => {
    const response = new Response(
      JSON.stringify({
        error: {
          name: 'NotAllowedError',
          message: "You may not read the data project 'hello-world'",
        },
        request: { method: 'GET', url: '/projects/hello-world' },
        response: { statusCode: 403 },
      }),
      { status: 403, headers: { 'Content-Type': 'application/json' } },
    );
    const error = await ResponseError.fromResponse(response);
    await renderWithEntity(
      <DataProjectPipelinesContent />,
      helloWorldComponent,
      {
        getProject: async () => {
          throw error;
        },
      },
    );
    expect(
      await screen.findByText(
        /You may not read the data project 'hello-world'/,
      ),
    ).toBeInTheDocument();
  });
});
