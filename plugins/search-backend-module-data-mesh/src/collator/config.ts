import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

const CONFIG_KEY = 'search.collators.dataProduct';

/** The same cadence Backstage's catalog collator uses by default. */
export const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 3 },
};

/** How the collator reads the catalog and links its results. */
export interface DataProductCollatorOptions {
  /** The result's link, with `:namespace`, `:kind` and `:name` placeholders. */
  locationTemplate: string;
  /** DataProducts read from the catalog per request. */
  batchSize: number;
}

export const DEFAULT_COLLATOR_OPTIONS: DataProductCollatorOptions = {
  locationTemplate: '/catalog/:namespace/:kind/:name',
  batchSize: 500,
};

export function readDataProductCollatorSchedule(
  config: Config,
): SchedulerServiceTaskScheduleDefinition {
  const schedule = config.getOptionalConfig(`${CONFIG_KEY}.schedule`);
  if (!schedule) return DEFAULT_SCHEDULE;
  try {
    return readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule);
  } catch (error) {
    throw new InputError(
      `Invalid schedule at ${CONFIG_KEY}.schedule: ${error}`,
    );
  }
}

export function readDataProductCollatorOptions(
  config: Config,
): DataProductCollatorOptions {
  const batchSize =
    config.getOptionalNumber(`${CONFIG_KEY}.batchSize`) ??
    DEFAULT_COLLATOR_OPTIONS.batchSize;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new InputError(
      `${CONFIG_KEY}.batchSize must be a positive integer, got ${batchSize}`,
    );
  }
  return {
    locationTemplate:
      config.getOptionalString(`${CONFIG_KEY}.locationTemplate`) ??
      DEFAULT_COLLATOR_OPTIONS.locationTemplate,
    batchSize,
  };
}
