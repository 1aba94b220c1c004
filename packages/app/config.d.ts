export interface Config {
  auth?: {
    providers?: {
      /** Meshwork's demo sign-in: pick any listed user. Development only. */
      demo?: {
        development?: {
          /** @visibility frontend */
          users: Array<{
            /**
             * Name of a User entity in the default namespace.
             * @visibility frontend
             */
            name: string;
            /** @visibility frontend */
            title?: string;
            /** @visibility frontend */
            description?: string;
          }>;
        };
      };
    };
  };
}
