import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Shared with the data-mesh backend plugin. */
  dataMesh?: {
    /** The platform standards library that data projects pin in `meshwork.yaml`. */
    standards?: {
      /**
       * The folder holding one folder per standards version; relative
       * paths are from the backend's working directory. Default: the
       * repository's `templates/standards`, when the backend runs from a
       * checkout of it.
       */
      root?: string;
    };
  };
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
