import { TestDatabases } from '@backstage/backend-test-utils';
import {
  PipelineTestResultStore,
  StoredPipelineTestResult,
} from './PipelineTestResultStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const result = (
  overrides: Partial<StoredPipelineTestResult>,
): StoredPipelineTestResult => ({
  project: 'hello-world',
  ref: '',
  file: 'tests/ComputeSales.test.yaml',
  test: 'totals per customer',
  status: 'passed',
  durationMs: 12.6,
  ranBy: 'user:default/sam',
  ranAt: new Date('2026-12-07T08:00:00Z'),
  ...overrides,
});

describe.each(databases.eachSupportedId())(
  'PipelineTestResultStore on %p',
  databaseId => {
    let store: PipelineTestResultStore;

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      store = await PipelineTestResultStore.create({
        database: { getClient: async () => knex },
      });
    });

    it('keeps the last result of each test per project and ref', async () => {
      await store.put([
        result({}),
        result({ test: 'empty input', status: 'error', detail: 'boom' }),
        result({ ref: 'meshwork/sam/ComputeSales', status: 'failed' }),
        result({ project: 'other' }),
      ]);
      await store.put([
        result({
          status: 'failed',
          detail: '  - { total: 1 }\n  + { total: 2 }',
          ranBy: 'user:default/sofia',
          ranAt: new Date('2026-12-07T09:00:00Z'),
        }),
      ]);

      // Ordered by file and test; durations are kept in whole milliseconds.
      expect(await store.list('hello-world', '')).toEqual([
        result({
          test: 'empty input',
          status: 'error',
          detail: 'boom',
          durationMs: 13,
        }),
        result({
          status: 'failed',
          detail: '  - { total: 1 }\n  + { total: 2 }',
          ranBy: 'user:default/sofia',
          ranAt: new Date('2026-12-07T09:00:00Z'),
          durationMs: 13,
        }),
      ]);
      expect(
        (await store.list('hello-world', 'meshwork/sam/ComputeSales')).map(
          r => r.status,
        ),
      ).toEqual(['failed']);
      expect(await store.list('nothing', '')).toEqual([]);
    });
  },
);
