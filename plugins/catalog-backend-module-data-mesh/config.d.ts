import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * The DataProduct entity provider: one DataProduct per dataset of
       * every data project registered in the catalog (Components of
       * `spec.type: data-project` with the `meshwork.io/project-repo`
       * annotation).
       */
      dataMesh?: {
        /**
         * When the provider reads every project again. Default: every
         * minute, first after 15 seconds, with a 5 minute timeout. A
         * project whose files did not change is not compiled again, and a
         * change announced on the `data-mesh.project.changed` events topic
         * is picked up at once.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * How long the files of a project in a repository (`url:`) are
         * reused before the SCM is asked again whether they changed, in
         * seconds. Default 10; 0 asks every time.
         */
        recheckSeconds?: number;
      };
    };
  };
}
