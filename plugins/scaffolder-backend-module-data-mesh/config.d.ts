export interface Config {
  dataMesh?: {
    /**
     * Local git repositories of data projects, as the embedded demo keeps
     * them: `data-mesh:publish:local` creates `<root>/<name>`.
     */
    localRepositories?: {
      /**
       * The folder holding them, relative to the backend's working
       * directory (default `../../.data/repos`: the demo's `.data/repos`
       * when the backend runs from packages/backend). Register the glob
       * `<root>/*\/catalog-info.yaml` as a `file` location of the catalog to
       * have new repositories' catalog-info.yaml files read.
       */
      root?: string;
    };
  };
}
