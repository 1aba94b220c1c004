import { ConfigReader } from '@backstage/config';
import { readDatabricksJobsConfig } from '../module';

describe('readDatabricksJobsConfig', () => {
  it('defaults to the dev target, polling every 10 seconds', () => {
    expect(readDatabricksJobsConfig(new ConfigReader({}))).toEqual({
      target: 'dev',
      pollIntervalMs: 10_000,
      variables: {},
    });
  });

  it('reads the target, poll interval, variables and billing table', () => {
    expect(
      readDatabricksJobsConfig(
        new ConfigReader({
          target: 'prod',
          pollIntervalSeconds: 2.5,
          variables: { warehouse_id: 1234, catalog: 'main' },
          billingTable: 'finance.billing.usage',
        }),
      ),
    ).toEqual({
      target: 'prod',
      pollIntervalMs: 2500,
      variables: { warehouse_id: '1234', catalog: 'main' },
      billingTable: 'finance.billing.usage',
    });
  });

  it('names the key of a bad value', () => {
    const read = (data: object) => () =>
      readDatabricksJobsConfig(new ConfigReader(data as any));
    expect(read({ target: 'staging' })).toThrow(
      "dataMesh.engines.databricks.jobs.target must be dev or prod, got 'staging'",
    );
    expect(read({ pollIntervalSeconds: 0 })).toThrow(
      'dataMesh.engines.databricks.jobs.pollIntervalSeconds must be a positive number, got 0',
    );
    expect(read({ variables: { catalog: { a: 1 } } })).toThrow(
      'dataMesh.engines.databricks.jobs.variables.catalog must be a string',
    );
    expect(read({ target: 3 })).toThrow(
      'dataMesh.engines.databricks.jobs.target has the wrong type',
    );
  });
});
