import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import {
  DATA_MESH_PLUGIN_ID,
  DataProductConsumer,
} from '@meshwork/data-mesh-common';

/** What the provider reads of a subscription in the data-mesh API. */
interface ApprovedSubscription {
  product: string;
  team: string;
  state: string;
  columns?: string[];
  allColumns?: boolean;
  updatedAt: string;
}

/** The consuming teams of each data product, by lower-case entity ref. */
export type ConsumersByProduct = ReadonlyMap<string, DataProductConsumer[]>;

function isApprovedSubscription(item: unknown): item is ApprovedSubscription {
  const s = item as Partial<ApprovedSubscription> | null;
  return (
    typeof s === 'object' &&
    s !== null &&
    typeof s.product === 'string' &&
    typeof s.team === 'string' &&
    typeof s.updatedAt === 'string' &&
    (s.columns === undefined || Array.isArray(s.columns))
  );
}

/**
 * One consumer per team: a team may hold several approved subscriptions to
 * one product (asked for different columns); it consumes since the first
 * and reads the union of their columns, all of them if any says so.
 */
function mergeByTeam(
  subscriptions: readonly ApprovedSubscription[],
): DataProductConsumer[] {
  const byTeam = new Map<string, ApprovedSubscription[]>();
  for (const s of subscriptions) {
    const team = s.team.toLocaleLowerCase('en-US');
    byTeam.set(team, [...(byTeam.get(team) ?? []), s]);
  }
  return [...byTeam.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([team, own]) => {
      const oldestFirst = [...own].sort((a, b) =>
        a.updatedAt.localeCompare(b.updatedAt),
      );
      const allColumns = own.some(s => s.allColumns || !s.columns);
      const columns = [...new Set(oldestFirst.flatMap(s => s.columns ?? []))];
      return {
        team,
        since: oldestFirst[0].updatedAt,
        ...(!allColumns && columns.length > 0 && { columns }),
      };
    });
}

/**
 * Reads who consumes each data product from the data-mesh backend's
 * approved subscriptions (`GET /subscriptions?state=approved`), as the
 * catalog module itself: the catalog cannot read that plugin's database,
 * and only a backend on its own behalf may list every team's
 * subscriptions.
 */
export class DataProductConsumers {
  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
    },
  ) {}

  /** Every product's consumers; throws when the API cannot be read. */
  async read(): Promise<ConsumersByProduct> {
    const { discovery, auth } = this.options;
    const baseUrl = await discovery.getBaseUrl(DATA_MESH_PLUGIN_ID);
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: DATA_MESH_PLUGIN_ID,
    });
    const response = await fetch(`${baseUrl}/subscriptions?state=approved`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) {
      throw new Error(
        `GET ${baseUrl}/subscriptions answered ${response.status} ${response.statusText}`,
      );
    }
    const body = (await response.json()) as { items?: unknown };
    if (!Array.isArray(body?.items)) {
      throw new Error(
        `GET ${baseUrl}/subscriptions answered without a list of items`,
      );
    }
    const byProduct = new Map<string, ApprovedSubscription[]>();
    for (const item of body.items) {
      // The query asks for approved ones; an older backend might ignore it.
      if (!isApprovedSubscription(item) || item.state !== 'approved') continue;
      const product = item.product.toLocaleLowerCase('en-US');
      byProduct.set(product, [...(byProduct.get(product) ?? []), item]);
    }
    return new Map(
      [...byProduct.entries()].map(([product, subscriptions]) => [
        product,
        mergeByTeam(subscriptions),
      ]),
    );
  }
}
