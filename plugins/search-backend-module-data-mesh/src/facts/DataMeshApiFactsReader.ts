import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  DataProductFacts,
  DataProductFactsReader,
  DatasetKey,
  FreshnessStatus,
  NO_FACTS,
} from './DataProductFacts';

/** The largest page the data-mesh API serves. */
const PAGE_SIZE = 500;

type FreshnessPage = {
  items: Array<{ project: string; dataset: string; status: FreshnessStatus }>;
  nextCursor?: string;
};

type QualityPage = {
  items: Array<{ ruleKey: string; status: 'pass' | 'fail' | 'error' }>;
};

function keyOf({ project, dataset }: DatasetKey): string {
  return `${project}/${dataset}`;
}

/**
 * The share of rules whose newest result passed. Results come newest
 * first, so the first one seen for a rule is its latest.
 */
export function latestPassShare(
  results: QualityPage['items'],
): number | undefined {
  const latest = new Map<string, boolean>();
  for (const result of results) {
    if (!latest.has(result.ruleKey)) {
      latest.set(result.ruleKey, result.status === 'pass');
    }
  }
  if (latest.size === 0) return undefined;
  const passed = [...latest.values()].filter(Boolean).length;
  return passed / latest.size;
}

/**
 * Reads freshness and quality from the data-mesh backend's API with the
 * search plugin's own service credentials. When the API cannot be reached
 * (the data-mesh plugin is not installed, or fails) the run goes on without
 * facts: search must not depend on it.
 * @public
 */
export class DataMeshApiFactsReader implements DataProductFactsReader {
  constructor(
    private readonly deps: {
      auth: AuthService;
      discovery: DiscoveryService;
      logger: LoggerService;
    },
  ) {}

  async read(): Promise<DataProductFacts> {
    try {
      const freshness = await this.readFreshness();
      return {
        freshness: key => freshness.get(keyOf(key)) ?? 'unknown',
        qualityScore: key => this.readQualityScore(key),
      };
    } catch (error) {
      this.deps.logger.warn(
        `Indexing data products without freshness and quality: the data-mesh API could not be read (${error})`,
      );
      return NO_FACTS;
    }
  }

  private async readFreshness(): Promise<Map<string, FreshnessStatus>> {
    const statuses = new Map<string, FreshnessStatus>();
    let cursor: string | undefined;
    do {
      const page = await this.get<FreshnessPage>('/freshness', {
        limit: String(PAGE_SIZE),
        ...(cursor && { cursor }),
      });
      for (const item of page.items) statuses.set(keyOf(item), item.status);
      cursor = page.nextCursor;
    } while (cursor);
    return statuses;
  }

  private async readQualityScore(key: DatasetKey): Promise<number | undefined> {
    try {
      // One page of the newest results holds the latest of every rule
      // unless a dataset has hundreds of rules.
      const page = await this.get<QualityPage>('/quality', {
        dataset: key.dataset,
        project: key.project,
        limit: String(PAGE_SIZE),
      });
      return latestPassShare(page.items);
    } catch (error) {
      this.deps.logger.warn(`No quality score for ${keyOf(key)}: ${error}`);
      return undefined;
    }
  }

  private async get<T>(
    path: string,
    query: Record<string, string>,
  ): Promise<T> {
    const { auth, discovery } = this.deps;
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'data-mesh',
    });
    const baseUrl = await discovery.getBaseUrl('data-mesh');
    const response = await fetch(
      `${baseUrl}${path}?${new URLSearchParams(query)}`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}
