/** How a dataset's last write compares with its contract's freshness SLA. @public */
export type FreshnessStatus = 'fresh' | 'stale' | 'unknown';

/** Identifies a DataProduct's dataset in the data-mesh API. @public */
export interface DatasetKey {
  /** The data project's name (annotation `meshwork.io/project`). */
  project: string;
  /** The dataset's name in its project (annotation `meshwork.io/dataset`). */
  dataset: string;
}

/**
 * What the portal has measured about data products, read once per
 * collation run.
 * @public
 */
export interface DataProductFacts {
  /** The freshness of each dataset the data-mesh backend reports on. */
  freshness(key: DatasetKey): FreshnessStatus;
  /**
   * The share (0 to 1) of the dataset's quality rules whose latest result
   * passed; undefined when no rule has run yet.
   */
  qualityScore(key: DatasetKey): Promise<number | undefined>;
}

/**
 * Where the collator reads run facts from: the data-mesh backend in the
 * portal, a fake in tests.
 * @public
 */
export interface DataProductFactsReader {
  /** Reads the facts that hold for one collation run. */
  read(): Promise<DataProductFacts>;
}

/** Facts for a portal that has measured nothing (or could not be asked). */
export const NO_FACTS: DataProductFacts = {
  freshness: () => 'unknown',
  qualityScore: async () => undefined,
};
