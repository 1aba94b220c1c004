import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';

/** Where the provider's settings are in the app config. */
export const PROVIDER_CONFIG_KEY = 'catalog.providers.dataMesh';

/**
 * Every minute: reading a project that did not change costs one cheap
 * read (a conditional request for a repository) and no compile, and a
 * Component registered at start-up gets its products within a minute.
 */
const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 1 },
  timeout: { minutes: 5 },
  // Lets the catalog ingest the data-project Components first.
  initialDelay: { seconds: 15 },
};

/** The settings of the DataProduct entity provider. */
export interface DataProductEntityProviderConfig {
  readonly schedule: SchedulerServiceTaskScheduleDefinition;
  /** How long a repository's last read is reused without asking its SCM. */
  readonly recheckAfterMs?: number;
}

/** Reads `catalog.providers.dataMesh`; every key has a default. */
export function readDataProductEntityProviderConfig(
  config: Config,
): DataProductEntityProviderConfig {
  const provider = config.getOptionalConfig(PROVIDER_CONFIG_KEY);
  const schedule = provider?.has('schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        provider.getConfig('schedule'),
      )
    : DEFAULT_SCHEDULE;
  const recheckSeconds = provider?.getOptionalNumber('recheckSeconds');
  if (recheckSeconds !== undefined && !(recheckSeconds >= 0)) {
    throw new Error(
      `${PROVIDER_CONFIG_KEY}.recheckSeconds must be a number of seconds, 0 or more, got ${recheckSeconds}`,
    );
  }
  return {
    schedule,
    ...(recheckSeconds !== undefined && {
      recheckAfterMs: recheckSeconds * 1000,
    }),
  };
}
