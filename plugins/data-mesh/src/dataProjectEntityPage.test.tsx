import { renderTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import { DataMeshApi, dataMeshApiRef } from './api';
import {
  helloWorldComponent,
  helloWorldStructure,
  jobRun,
  page,
  pending,
} from './components/DataProjectEntity/__testUtils__/helloWorldProject';
import {
  dataProjectHealthCard,
  dataProjectJobsContent,
  dataProjectPipelinesContent,
  dataProjectRunsContent,
  teamDataProductsCard,
} from './plugin';

// The page loads each extension lazily; on a busy machine that takes a while.
const slowly = { timeout: 15_000 };

const extensions = [
  dataProjectPipelinesContent,
  dataProjectRunsContent,
  dataProjectHealthCard,
  teamDataProductsCard,
];

const loading: Partial<DataMeshApi> = {
  getProject: () => pending(),
  listRuns: () => pending(),
};

describe('data project and team page extensions', () => {
  jest.setTimeout(60_000);

  const helloWorldApi = {
    getProject: async () => helloWorldStructure(),
    listRuns: async () => page([jobRun()]),
    listFreshness: async () => page([]),
    listQualityResults: async () => page([]),
    getCostRollup: async () => page([]),
    getBudgets: async () => ({ items: [] }),
    getPipelineTests: async () => ({
      project: 'hello-world',
      canRun: false,
      tests: [],
    }),
  };

  it('put Pipelines and the roll-up card on a data project page', async () => {
    renderTestApp({
      apis: [[dataMeshApiRef, helloWorldApi]],
      extensions: [
        createTestEntityPage({ entity: helloWorldComponent }),
        ...extensions,
      ],
    });
    // The test page shows the first content of the entity and its cards.
    expect(
      await screen.findByText('ComputeSales', {}, slowly),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('Quality, freshness and cost', {}, slowly),
    ).toBeInTheDocument();
    expect(screen.queryByText('Data products')).not.toBeInTheDocument();
  });

  it('put Runs on a data project page', async () => {
    renderTestApp({
      apis: [[dataMeshApiRef, helloWorldApi]],
      extensions: [
        createTestEntityPage({ entity: helloWorldComponent }),
        dataProjectRunsContent,
      ],
    });
    expect(await screen.findByText('Job runs', {}, slowly)).toBeInTheDocument();
  });

  it('put Jobs on a data project page', async () => {
    renderTestApp({
      apis: [[dataMeshApiRef, helloWorldApi]],
      extensions: [
        createTestEntityPage({ entity: helloWorldComponent }),
        dataProjectJobsContent,
      ],
    });
    expect(
      await screen.findByText('Last runs of DailySummary', {}, slowly),
    ).toBeInTheDocument();
  });

  it('put the data products card on a Group page only', async () => {
    renderTestApp({
      apis: [
        [dataMeshApiRef, loading],
        [catalogApiRef, { getEntities: () => pending<never>() }],
      ],
      extensions: [
        createTestEntityPage({
          entity: {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Group',
            metadata: { name: 'sales-analytics' },
            spec: { type: 'team', children: [] },
          },
        }),
        ...extensions,
      ],
    });
    expect(
      await screen.findByText('Data products', {}, slowly),
    ).toBeInTheDocument();
    expect(screen.queryByText('Runs')).not.toBeInTheDocument();
  });

  it('leave other Components alone', async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({
          entity: {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'portal' },
            spec: { type: 'website' },
          },
        }),
        ...extensions,
      ],
    });
    expect(
      await screen.findByTestId('empty-entity-page', {}, slowly),
    ).toBeInTheDocument();
  });
});
