import type { DataMeshApi, DatasetFreshness } from '../../api';

/** The page size of the freshness API at most. */
const PAGE_SIZE = 500;

/**
 * Every freshness report the viewer may read, across all projects: one
 * request per 500 datasets rather than one per product listed.
 */
export async function loadFreshnessReports(
  api: Pick<DataMeshApi, 'listFreshness'>,
): Promise<DatasetFreshness[]> {
  const reports: DatasetFreshness[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.listFreshness({
      limit: PAGE_SIZE,
      ...(cursor && { cursor }),
    });
    reports.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return reports;
}
