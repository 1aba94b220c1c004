export interface Config {
  /** Configuration of the Meshwork data-mesh plugin. */
  dataMesh?: {
    /** Warehouse engines; each engine module documents its own keys. */
    engines?: {};
  };
}
