import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { searchEngineRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { RankedLunrSearchEngine } from './RankedLunrSearchEngine';

/**
 * Search module that makes {@link RankedLunrSearchEngine} the search
 * engine, in place of the plain Lunr engine the search plugin uses when no
 * engine is installed. Install it instead of, not next to, another engine
 * module (PostgreSQL, Elasticsearch).
 * @public
 */
export const searchModuleRankedLunrEngine = createBackendModule({
  pluginId: 'search',
  moduleId: 'ranked-lunr-engine',
  register(env) {
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        searchEngineRegistry: searchEngineRegistryExtensionPoint,
      },
      async init({ logger, searchEngineRegistry }) {
        searchEngineRegistry.setSearchEngine(
          new RankedLunrSearchEngine({ logger }),
        );
      },
    });
  },
});
