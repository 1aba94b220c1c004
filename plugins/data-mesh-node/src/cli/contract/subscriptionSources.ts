import { ContractSubscription } from '@meshwork/data-mesh-common';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/**
 * Where `meshwork contract diff` learns who subscribes to a project's
 * datasets: the data-mesh API, a file, or (in tests) a fixed list.
 */
export interface ContractSubscriptionSource {
  /** Where the subscriptions come from, for the report. */
  readonly description: string;
  /** The approved subscriptions to the datasets of the project of this name. */
  approvedSubscriptions(project: string): Promise<ContractSubscription[]>;
}

/**
 * A subscription as the API lists it (`GET /subscriptions`) or as a file
 * writes it by hand: `project` and `state` may be left out, and no
 * `columns` means all of them.
 */
const subscriptionItem = z.object({
  project: z.string().optional(),
  dataset: z.string(),
  team: z.string(),
  columns: z.array(z.string()).optional(),
  allColumns: z.boolean().optional(),
  state: z.string().optional(),
});

const subscriptionList = z.union([
  z.array(subscriptionItem),
  z.object({ items: z.array(subscriptionItem) }),
]);

type SubscriptionItem = z.infer<typeof subscriptionItem>;

function approvedOf(
  items: readonly SubscriptionItem[],
  project: string,
): ContractSubscription[] {
  return items
    .filter(
      item =>
        (item.state === undefined || item.state === 'approved') &&
        (item.project === undefined || item.project === project),
    )
    .map(item => ({
      dataset: item.dataset,
      team: item.team,
      ...(item.columns &&
        item.allColumns !== true && { columns: item.columns }),
    }));
}

function parseList(json: unknown, where: string): readonly SubscriptionItem[] {
  const parsed = subscriptionList.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.join('.');
    throw new Error(
      `${where} is not a list of subscriptions${path ? ` (at ${path})` : ''}: ${
        issue.message
      }`,
    );
  }
  return Array.isArray(parsed.data) ? parsed.data : parsed.data.items;
}

/**
 * Subscriptions from a JSON file: a list of `{ project?, dataset, team,
 * columns?, state? }`, or the API's `{ items: [...] }` saved as it came.
 */
export function fileSubscriptionSource(
  file: string,
): ContractSubscriptionSource {
  return {
    description: file,
    async approvedSubscriptions(project) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch {
        throw new Error(`cannot read the subscriptions file ${file}`);
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new Error(`${file} is not JSON`);
      }
      return approvedOf(parseList(json, file), project);
    },
  };
}

/**
 * Subscriptions from the data-mesh API (`GET /subscriptions?state=approved`),
 * with a Backstage token: a service token whose caller may read every
 * subscription, or a user's, who sees what the API shows them.
 */
export function apiSubscriptionSource(options: {
  /** The plugin's base URL, `https://portal.example.com/api/data-mesh`. */
  baseUrl: string;
  token?: string;
  fetch?: typeof fetch;
}): ContractSubscriptionSource {
  const fetchFn = options.fetch ?? fetch;
  const base = options.baseUrl.replace(/\/+$/, '');
  return {
    description: base,
    async approvedSubscriptions(project) {
      const url = `${base}/subscriptions?state=approved`;
      let response: Response;
      try {
        response = await fetchFn(url, {
          headers: {
            Accept: 'application/json',
            ...(options.token && { Authorization: `Bearer ${options.token}` }),
          },
        });
      } catch (error) {
        throw new Error(`cannot reach ${url}: ${(error as Error).message}`);
      }
      if (!response.ok) {
        throw new Error(
          `${url} answered ${response.status} ${response.statusText}`.trim(),
        );
      }
      return approvedOf(parseList(await response.json(), url), project);
    },
  };
}
