import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import { DataMeshApi, dataMeshApiRef } from '../../api';
import { DataMeshPage } from './DataMeshPage';

const helloWorld: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'hello-world',
    namespace: 'default',
    description: 'The white paper sales project',
  },
  spec: {
    type: 'data-project',
    owner: 'sales-analytics',
    lifecycle: 'experimental',
  },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/sales-analytics' }],
};

const service: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'billing-service', namespace: 'default' },
  spec: { type: 'service', owner: 'platform-team', lifecycle: 'production' },
};

/** Nothing needs attention; HealthOfYourData.test.tsx covers the rest. */
const allIsWell: DataMeshApi['getMonitoringSummary'] = async () => ({
  projects: ['hello-world'],
  failingJobs: [],
  missedSlas: [],
  qualityBreaches: [],
  budgets: [],
});

function renderPage(dataMeshApi: Partial<DataMeshApi>, entities: Entity[]) {
  return renderInTestApp(<DataMeshPage />, {
    apis: [
      [
        dataMeshApiRef,
        {
          getMonitoringSummary: allIsWell,
          listSubscriptions: async () => ({ items: [] }),
          ...dataMeshApi,
        },
      ],
      catalogApiMock({ entities }),
    ],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

describe('DataMeshPage', () => {
  const healthyApi: Partial<DataMeshApi> = {
    getHealth: async () => ({
      status: 'ok',
      version: '0.1.0',
      engines: [
        { id: 'duckdb', dialect: 'duckdb', state: 'ready', tableCount: 6 },
      ],
    }),
  };

  it('lists data projects, and only data projects, with their owners', async () => {
    await renderPage(healthyApi, [helloWorld, service]);

    expect(await screen.findByText('hello-world')).toBeInTheDocument();
    expect(screen.getByText('sales-analytics')).toBeInTheDocument();
    expect(screen.queryByText('billing-service')).not.toBeInTheDocument();
  });

  it('shows the engines the backend reports', async () => {
    await renderPage(healthyApi, []);

    expect(await screen.findByText('ready, 6 tables')).toBeInTheDocument();
    const row = screen.getByText('ready, 6 tables').closest('tr')!;
    expect(row.textContent).toBe('duckdbduckdbready, 6 tables');
    expect(screen.getByText('Meshwork 0.1.0')).toBeInTheDocument();
  });

  it("opens with the health of the user's data", async () => {
    await renderPage(healthyApi, [helloWorld]);

    expect(await screen.findByText('Health of your data')).toBeInTheDocument();
    expect(await screen.findByText('All is well')).toBeInTheDocument();
  });

  it('says so when no data product is published yet', async () => {
    await renderPage(healthyApi, [helloWorld]);

    expect(
      await screen.findByText('No data products published yet'),
    ).toBeInTheDocument();
  });

  it('shows the error when the backend is unreachable', async () => {
    await renderPage(
      { getHealth: async () => Promise.reject(new Error('backend down')) },
      [],
    );

    expect(await screen.findByText('Error: backend down')).toBeInTheDocument();
  });
});
