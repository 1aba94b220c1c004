import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { dataMeshEnginesExtensionPoint } from '@meshwork/data-mesh-node';
import path from 'node:path';
import { DUCKDB_PATH_CONFIG_KEY, DuckDbEngine } from './DuckDbEngine';
import { readDuckDbLimits } from './sandbox';
import { WarehouseConfigError } from './WarehouseConfigError';

/**
 * Registers the embedded DuckDB warehouse with the data-mesh plugin.
 * @public
 */
export const dataMeshModuleDuckdb = createBackendModule({
  pluginId: 'data-mesh',
  moduleId: 'duckdb',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        engines: dataMeshEnginesExtensionPoint,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
      },
      async init({ config, engines, lifecycle, logger }) {
        const configured = config.getOptionalString(DUCKDB_PATH_CONFIG_KEY);
        if (!configured) {
          throw new WarehouseConfigError(
            `${DUCKDB_PATH_CONFIG_KEY} is required: the DuckDB warehouse file`,
          );
        }
        const limits = readDuckDbLimits(config);
        const file = path.resolve(configured);
        const engine = await DuckDbEngine.open(file, limits);
        logger.info(
          `DuckDB warehouse opened at ${file} (sandboxed; memory limit ${limits.memoryLimit}, ${limits.threads} threads)`,
        );
        engines.addEngine(engine);
        lifecycle.addShutdownHook(() => engine.close());
      },
    });
  },
});
