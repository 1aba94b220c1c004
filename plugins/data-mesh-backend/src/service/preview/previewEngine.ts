import { ServiceUnavailableError } from '@backstage/errors';
import type { WarehouseEngine } from '@meshwork/data-mesh-node';
import type { EngineRegistry } from '../EngineRegistry';

/**
 * The engine previews and samples read from: `dataMesh.preview.engine`, or
 * the first one installed when it is not set.
 */
export function previewEngine(
  engines: EngineRegistry,
  wanted: string | undefined,
): WarehouseEngine {
  const engine = wanted ? engines.engine(wanted) : engines.list()[0];
  if (!engine) {
    throw new ServiceUnavailableError(
      wanted
        ? `The preview engine '${wanted}' (dataMesh.preview.engine) is not installed; installed: ${
            engines
              .list()
              .map(e => e.id)
              .join(', ') || 'none'
          }`
        : 'No warehouse engine is installed to run previews on',
    );
  }
  return engine;
}
