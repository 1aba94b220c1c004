import type { Entity } from '@backstage/catalog-model';
import type {
  DataProjectStructure,
  JobRun,
  QualityResult,
  TaskRun,
} from '../../../api';

/** Hello World's catalog Component, as catalog-info registers it. */
export const helloWorldComponent: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'hello-world', namespace: 'default' },
  spec: {
    type: 'data-project',
    lifecycle: 'production',
    owner: 'group:default/sales-analytics',
  },
};

export function taskRun(overrides: Partial<TaskRun> = {}): TaskRun {
  return {
    id: 'task-1',
    jobRunId: 'run-1',
    taskKey: 'compute_sales',
    pipeline: 'ComputeSales',
    status: 'succeeded',
    startedAt: '2026-12-05T06:00:00Z',
    endedAt: '2026-12-05T06:01:05Z',
    rowsWritten: 1234,
    datasets: ['TotalSales'],
    ...overrides,
  };
}

export function jobRun(overrides: Partial<JobRun> = {}): JobRun {
  return {
    id: 'run-1',
    project: 'hello-world',
    job: 'DailySummary',
    trigger: 'schedule',
    engine: 'duckdb',
    status: 'succeeded',
    queuedAt: '2026-12-05T05:59:58Z',
    startedAt: '2026-12-05T06:00:00Z',
    endedAt: '2026-12-05T06:02:00Z',
    ...overrides,
  };
}

export function qualityResult(
  ruleKey: string,
  status: QualityResult['status'],
  overrides: Partial<QualityResult> = {},
): QualityResult {
  return {
    id: `${ruleKey}-${status}`,
    jobRunId: 'run-1',
    dataset: 'TotalSales',
    ruleKey,
    ruleLabel: ruleKey,
    status,
    evaluatedAt: '2026-12-05T06:01:00Z',
    ...overrides,
  };
}

/** Hello World's structure, cut down to two pipelines and two jobs. */
export function helloWorldStructure(
  overrides: Partial<DataProjectStructure> = {},
): DataProjectStructure {
  return {
    name: 'hello-world',
    owner: 'group:default/sales-analytics',
    domain: 'sales',
    canRun: true,
    canEdit: true,
    pipelines: [
      {
        name: 'ComputeSales',
        description: 'Sums completed sales.',
        reads: ['CustomerOrder'],
        writes: ['TotalSales'],
        jobs: ['DailySummary'],
        lastTaskRun: taskRun(),
      },
      {
        name: 'account_length_days',
        reads: ['CustomerAccounts'],
        writes: ['AccountLength'],
        jobs: ['DailySummary', 'Job-Test'],
      },
    ],
    jobs: [
      {
        name: 'DailySummary',
        schedule: {
          cron: '0 0 6 * * ?',
          timezone: 'Europe/Amsterdam',
          paused: false,
        },
        tasks: [
          { key: 'compute_sales', pipeline: 'ComputeSales', dependsOn: [] },
        ],
        lastRun: jobRun(),
      },
      {
        name: 'Job-Test',
        schedule: {
          cron: '0 30 7 * * ?',
          timezone: 'Europe/Amsterdam',
          paused: true,
        },
        tasks: [
          {
            key: 'account_lengths',
            pipeline: 'account_length_days',
            dependsOn: [],
          },
        ],
      },
    ],
    datasets: [
      {
        name: 'CustomerOrder',
        layer: 'silver',
        visibility: 'internal',
        owner: 'group:default/sales-analytics',
        entityRef: 'dataproduct:default/customer-order',
      },
      {
        name: 'TotalSales',
        layer: 'gold',
        visibility: 'published',
        owner: 'group:default/sales-analytics',
        entityRef: 'dataproduct:default/total-sales',
      },
    ],
    ...overrides,
  };
}

export function page<T>(items: T[], nextCursor?: string, totalCount?: number) {
  return { items, totalCount: totalCount ?? items.length, nextCursor };
}

/** A promise that never settles: a view stays loading. */
export function pending<T>(): Promise<T> {
  return new Promise<T>(() => {});
}
