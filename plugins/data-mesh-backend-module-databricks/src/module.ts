import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { dataMeshEnginesExtensionPoint } from '@meshwork/data-mesh-node';
import {
  DatabricksSqlEngine,
  DatabricksSqlEngineOptions,
} from './DatabricksSqlEngine';
import { DatabricksJobsClient } from './jobs/DatabricksJobsClient';
import { DatabricksJobExecutor } from './jobExecutor/DatabricksJobExecutor';

/** The config section the Databricks SQL warehouse is read from. */
export const DATABRICKS_CONFIG_KEY = 'dataMesh.engines.databricks';

/**
 * A misconfigured Databricks warehouse. Its message names the config key
 * and is meant to be shown as it is to the person starting the portal.
 *
 * @public
 */
export class DatabricksConfigError extends Error {
  name = 'DatabricksConfigError';

  constructor(message: string) {
    super(message);
    // The fix is in the config: a stack trace would only bury the message.
    this.stack = `${this.name}: ${message}`;
  }
}

/**
 * The engine options in the `dataMesh.engines.databricks` section. Config
 * errors name the key; none of them quote the token.
 *
 * @public
 */
export function readDatabricksConfig(
  config: Config,
): Omit<DatabricksSqlEngineOptions, 'logger'> {
  const optional = <T>(key: string, read: () => T): T => {
    try {
      return read();
    } catch {
      throw new DatabricksConfigError(
        `${DATABRICKS_CONFIG_KEY}.${key} has the wrong type`,
      );
    }
  };
  const required = (key: string) => {
    const value = optional(key, () => config.getOptionalString(key));
    if (!value?.trim()) {
      throw new DatabricksConfigError(
        `${DATABRICKS_CONFIG_KEY}.${key} is required`,
      );
    }
    return value.trim();
  };
  const positive = (key: string) => {
    const value = optional(key, () => config.getOptionalNumber(key));
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
      throw new DatabricksConfigError(
        `${DATABRICKS_CONFIG_KEY}.${key} must be a positive integer, got ${value}`,
      );
    }
    return value;
  };

  const host = required('host')
    .replace(/^https?:\/\//, '')
    .replace(/\/+$/, '');
  if (!/^[A-Za-z0-9.-]+$/.test(host)) {
    throw new DatabricksConfigError(
      `${DATABRICKS_CONFIG_KEY}.host must be a host name such as adb-1234567890123456.7.azuredatabricks.net, got '${host}'`,
    );
  }
  const httpPath = required('httpPath');
  if (!httpPath.startsWith('/')) {
    throw new DatabricksConfigError(
      `${DATABRICKS_CONFIG_KEY}.httpPath must start with '/', e.g. /sql/1.0/warehouses/abc123`,
    );
  }
  const port = positive('port');
  const catalog = optional('catalog', () =>
    config.getOptionalString('catalog'),
  );
  const schema = optional('schema', () => config.getOptionalString('schema'));
  const maxRows = positive('maxRows');
  const fetchRows = positive('fetchRows');
  return {
    host,
    httpPath,
    token: required('token'),
    ...(port !== undefined && { port }),
    ...(catalog && { catalog }),
    ...(schema && { schema }),
    ...(maxRows !== undefined && { maxRows }),
    ...(fetchRows !== undefined && { fetchRows }),
  };
}

/**
 * How jobs run on Databricks, from `dataMesh.engines.databricks.jobs`.
 *
 * @public
 */
export interface DatabricksJobsConfig {
  target: 'dev' | 'prod';
  pollIntervalMs: number;
  variables: Record<string, string>;
  billingTable?: string;
}

/**
 * The `jobs` part of the `dataMesh.engines.databricks` section. Config
 * errors name the key.
 *
 * @public
 */
export function readDatabricksJobsConfig(jobs: Config): DatabricksJobsConfig {
  const key = `${DATABRICKS_CONFIG_KEY}.jobs`;
  const read = <T>(name: string, get: () => T): T => {
    try {
      return get();
    } catch {
      throw new DatabricksConfigError(`${key}.${name} has the wrong type`);
    }
  };
  const target =
    read('target', () => jobs.getOptionalString('target')) ?? 'dev';
  if (target !== 'dev' && target !== 'prod') {
    throw new DatabricksConfigError(
      `${key}.target must be dev or prod, got '${target}'`,
    );
  }
  const pollSeconds =
    read('pollIntervalSeconds', () =>
      jobs.getOptionalNumber('pollIntervalSeconds'),
    ) ?? 10;
  if (!Number.isFinite(pollSeconds) || pollSeconds <= 0) {
    throw new DatabricksConfigError(
      `${key}.pollIntervalSeconds must be a positive number, got ${pollSeconds}`,
    );
  }
  const variablesConfig = read('variables', () =>
    jobs.getOptionalConfig('variables'),
  );
  const variables: Record<string, string> = {};
  for (const name of variablesConfig?.keys() ?? []) {
    const value = variablesConfig!.get(name);
    if (typeof value === 'object' || value === null) {
      throw new DatabricksConfigError(
        `${key}.variables.${name} must be a string`,
      );
    }
    // YAML reads `warehouse_id: 1234` as a number; the bundle wants text.
    variables[name] = String(value);
  }
  const billingTable = read('billingTable', () =>
    jobs.getOptionalString('billingTable'),
  );
  return {
    target,
    pollIntervalMs: pollSeconds * 1000,
    variables,
    ...(billingTable && { billingTable }),
  };
}

/**
 * Registers a Databricks SQL warehouse with the data-mesh plugin when
 * `dataMesh.engines.databricks` is configured, and does nothing otherwise;
 * with `dataMesh.engines.databricks.jobs` also a job executor that runs
 * jobs through the Jobs API.
 *
 * @public
 */
export const dataMeshModuleDatabricks = createBackendModule({
  pluginId: 'data-mesh',
  moduleId: 'databricks',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        engines: dataMeshEnginesExtensionPoint,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
      },
      async init({ config, engines, lifecycle, logger }) {
        const section = config.getOptionalConfig(DATABRICKS_CONFIG_KEY);
        if (!section) {
          logger.info(
            `No Databricks SQL warehouse: ${DATABRICKS_CONFIG_KEY} is not configured`,
          );
          return;
        }
        const options = readDatabricksConfig(section);
        const engine = new DatabricksSqlEngine({ ...options, logger });
        logger.info(
          `Databricks SQL warehouse at ${options.host}${options.httpPath}`,
        );
        engines.addEngine(engine);
        lifecycle.addShutdownHook(() => engine.close());

        const jobsSection = section.getOptionalConfig('jobs');
        if (jobsSection) {
          const jobs = readDatabricksJobsConfig(jobsSection);
          const port = options.port ? `:${options.port}` : '';
          engines.addJobExecutor(
            new DatabricksJobExecutor({
              client: new DatabricksJobsClient({
                host: `https://${options.host}${port}`,
                token: options.token,
              }),
              target: jobs.target,
              pollIntervalMs: jobs.pollIntervalMs,
              variables: jobs.variables,
              sqlEngine: engine,
              billingTable: jobs.billingTable,
            }),
          );
          logger.info(
            `Databricks jobs run on ${options.host}, target ${jobs.target}`,
          );
        }
      },
    });
  },
});
