import type { BundleJob, BundleProject } from '../model';

/**
 * The Hello World data project's bundle input, as the compiler will map it
 * from meshwork.yaml and jobs/*.job.yaml. The expected output is committed
 * next to this file under hello-world/.
 */
export const helloWorldProject: BundleProject = {
  name: 'hello-world',
  owner: 'team-sales',
  domain: 'sales',
  standardsVersion: '1.0.0',
  warehouseId: '4b9b953939869799',
  targets: {
    dev: {
      host: 'https://adb-1111111111111111.11.azuredatabricks.net',
      catalog: 'dev',
      schema: 'hello_world',
    },
    prod: {
      host: 'https://adb-2222222222222222.12.azuredatabricks.net',
      catalog: 'main',
      schema: 'hello_world',
      warehouseId: '8e1f4cbd2a6c7a01',
      rootPath: '/Workspace/Shared/.bundle/${bundle.name}/${bundle.target}',
    },
  },
  pythonEnvironment: { environmentVersion: '2' },
};

/**
 * DailySummary lists its tasks out of dependency order on purpose: the
 * generated file must still put every task after the ones it depends on.
 */
export const helloWorldJobs: BundleJob[] = [
  {
    name: 'DailySummary',
    description: 'Refreshes the daily sales summary for the sales domain.',
    schedule: {
      quartzCron: '0 0 6 * * ?',
      timezone: 'Europe/Amsterdam',
      paused: false,
    },
    notifications: {
      onFailure: ['data-platform@meshwork.example'],
      onDurationWarning: ['team-sales@meshwork.example'],
    },
    durationWarningSeconds: 3600,
    maxRetries: 2,
    minRetryIntervalMillis: 60000,
    timeoutSeconds: 7200,
    maxConcurrentRuns: 1,
    tags: { cost_center: 'sales-analytics' },
    runAs: { servicePrincipalName: '9f0c5a52-1c5e-4d3b-a2f1-6f1e0d6b8a11' },
    tasks: [
      {
        key: 'ComputeSales',
        pipeline: 'ComputeSales',
        dependsOn: ['Join-customers-redo'],
        kind: 'sql',
        file: 'generated/sql/ComputeSales.sql',
      },
      {
        key: 'account_length_days',
        pipeline: 'account_length_days',
        dependsOn: ['ComputeSales'],
        kind: 'python',
        file: 'generated/python/account_length_days.py',
        parameters: ['--as-of', '{{job.start_time.iso_date}}'],
      },
      {
        key: 'Join-customers-redo',
        pipeline: 'Join-customers-redo',
        dependsOn: [],
        kind: 'sql',
        file: 'generated/sql/Join-customers-redo.sql',
      },
      {
        key: 'CustomerAccounts',
        pipeline: 'CustomerAccounts',
        dependsOn: ['Join-customers-redo'],
        kind: 'sql',
        file: 'generated/sql/CustomerAccounts.sql',
      },
    ],
  },
  {
    name: 'Job Test',
    schedule: {
      quartzCron: '0 30 7 ? * MON-FRI',
      timezone: 'Europe/Amsterdam',
      paused: true,
    },
    tasks: [
      {
        key: 'CustomerAccounts',
        pipeline: 'CustomerAccounts',
        dependsOn: [],
        kind: 'sql',
        file: 'generated/sql/CustomerAccounts.sql',
      },
    ],
  },
];
