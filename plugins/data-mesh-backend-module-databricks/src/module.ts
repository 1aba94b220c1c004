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
 * Registers a Databricks SQL warehouse with the data-mesh plugin when
 * `dataMesh.engines.databricks` is configured, and does nothing otherwise.
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
      },
    });
  },
});
