import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  search?: {
    collators?: {
      /** The index of DataProduct entities (document type `data-product`). */
      dataProduct?: {
        /**
         * When the index is rebuilt. Every 10 minutes after a 3 second delay
         * by default. With the in-memory Lunr engine use `scope: local`: each
         * backend instance holds its own index and must build it after each
         * start.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * The result's link, with `:namespace`, `:kind` and `:name`
         * placeholders; `/catalog/:namespace/:kind/:name` (the entity page)
         * by default.
         */
        locationTemplate?: string;
        /** DataProducts read from the catalog per request; 500 by default. */
        batchSize?: number;
      };
    };
  };
}
