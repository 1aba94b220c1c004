import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { DataMeshApi, dataMeshApiRef, DatasetFreshness } from '../../api';
import {
  helloWorldStructure,
  page,
  pending,
  qualityResult,
} from '../DataProjectEntity/__testUtils__/helloWorldProject';
import { TeamDataProductsCard } from './TeamDataProductsCard';

const salesTeam: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'sales-analytics', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

function dataProduct(name: string, title: string, project: string): Entity {
  return {
    apiVersion: 'meshwork.io/v1alpha1',
    kind: 'DataProduct',
    metadata: {
      name,
      namespace: 'default',
      title,
      annotations: {
        'meshwork.io/project': project,
        'meshwork.io/dataset': title,
      },
    },
    spec: { owner: 'group:default/sales-analytics' },
  };
}

const fresh: DatasetFreshness = {
  project: 'hello-world',
  dataset: 'TotalSales',
  table: 'gold.total_sales',
  owner: 'group:default/sales-analytics',
  status: 'fresh',
  message: 'Written 3 hours ago.',
};

async function forbidden(): Promise<never> {
  throw await ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'NotAllowedError', message: 'You may not read it' },
        request: { method: 'GET', url: '/projects/secret' },
        response: { statusCode: 403 },
      }),
      { status: 403, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

function render(
  entities: Entity[] | Promise<never>,
  api: Partial<DataMeshApi>,
) {
  const getEntities = jest.fn(async () => ({ items: await entities }));
  const rendered = renderInTestApp(
    <EntityProvider entity={salesTeam}>
      <TeamDataProductsCard />
    </EntityProvider>,
    {
      apis: [
        [dataMeshApiRef, api],
        [catalogApiRef, { getEntities }],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return { rendered, getEntities };
}

describe('TeamDataProductsCard', () => {
  it("lists the team's data products with their health and cost", async () => {
    const getCostRollup = jest.fn(async (query: any) =>
      query.groupBy === 'team'
        ? page([
            {
              team: 'group:default/sales-analytics',
              dbus: 7,
              estimated: false,
              runCount: 2,
            },
          ])
        : page([
            {
              project: 'hello-world',
              pipeline: 'ComputeSales',
              dbus: 3.25,
              estimated: true,
              runCount: 2,
            },
          ]),
    );
    const getProject = jest.fn(async (project: string) =>
      project === 'hello-world' ? helloWorldStructure() : forbidden(),
    );
    const { getEntities } = render(
      [
        dataProduct('total-sales', 'TotalSales', 'hello-world'),
        dataProduct('customer-order', 'CustomerOrder', 'hello-world'),
        dataProduct('payroll', 'Payroll', 'secret'),
      ],
      {
        getProject,
        listFreshness: async () =>
          page([
            fresh,
            { ...fresh, dataset: 'CustomerOrder', status: 'stale' },
          ]),
        getCostRollup,
        getBudgets: async () => ({ items: [] }),
        listQualityResults: async (query: any) =>
          page(
            query.dataset === 'TotalSales'
              ? [qualityResult('not_null:category', 'pass')]
              : [
                  qualityResult('unique:order_id', 'fail', {
                    dataset: 'CustomerOrder',
                  }),
                ],
          ),
      },
    );

    const sales = (
      await screen.findByRole('link', { name: 'TotalSales' })
    ).closest('tr')!;
    expect(
      within(sales).getByText('Fresh; 1 of 1 rule pass'),
    ).toBeInTheDocument();
    expect(
      within(sales).getByText('3.25 DBUs (estimated)'),
    ).toBeInTheDocument();
    expect(
      within(sales).getByText('pipeline ComputeSales'),
    ).toBeInTheDocument();

    const orders = screen
      .getByRole('link', { name: 'CustomerOrder' })
      .closest('tr')!;
    expect(
      within(orders).getByText('Stale; 0 of 1 rule pass, 1 fails'),
    ).toBeInTheDocument();

    const payroll = screen
      .getByRole('link', { name: 'Payroll' })
      .closest('tr')!;
    expect(within(payroll).getByText('Not visible to you')).toBeInTheDocument();

    expect(
      screen.getByText('7 DBUs; no monthly budget set'),
    ).toBeInTheDocument();
    expect(getEntities).toHaveBeenCalledWith({
      filter: [
        { kind: 'DataProduct', 'spec.owner': 'group:default/sales-analytics' },
        { kind: 'DataProduct', 'spec.owner': 'sales-analytics' },
      ],
    });
    const month = new Date().toISOString().slice(0, 7);
    expect(getCostRollup).toHaveBeenCalledWith({
      groupBy: 'team',
      team: 'group:default/sales-analytics',
      from: month,
      to: month,
    });
  });

  it('shows the team budget when one is set', async () => {
    render([], {
      getCostRollup: async () => page([]),
      getBudgets: async () => ({
        items: [
          {
            scope: 'team',
            name: 'group:default/sales-analytics',
            month: '2026-12',
            budgetDbus: 100,
            usedDbus: 85,
            ratio: 0.85,
            estimated: false,
            entityRef: 'group:default/sales-analytics',
            link: '/catalog/default/group/sales-analytics',
          },
        ],
      }),
    });
    expect(
      await screen.findByText(/This team owns no data products yet/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('85 DBUs of a 100 DBUs budget (85 %)'),
    ).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    render(pending(), {});
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error when the catalog cannot be read', async () => {
    render(Promise.reject(new Error('Catalog is down')), {
      getCostRollup: async () => page([]),
      getBudgets: async () => ({ items: [] }),
    });
    expect(
      (await screen.findAllByText(/Catalog is down/))[0],
    ).toBeInTheDocument();
  });
});
