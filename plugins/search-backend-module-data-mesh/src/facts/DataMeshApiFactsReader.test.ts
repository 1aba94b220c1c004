import { mockServices } from '@backstage/backend-test-utils';
import {
  DataMeshApiFactsReader,
  latestPassShare,
} from './DataMeshApiFactsReader';

const totalSales = { project: 'hello-world', dataset: 'TotalSales' };

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

describe('DataMeshApiFactsReader', () => {
  const fetchMock = jest.spyOn(global, 'fetch');
  const logger = mockServices.logger.mock();
  const reader = new DataMeshApiFactsReader({
    auth: mockServices.auth(),
    discovery: mockServices.discovery(),
    logger,
  });

  afterEach(() => jest.resetAllMocks());
  afterAll(() => fetchMock.mockRestore());

  it('reads every page of freshness and the latest quality result of each rule', async () => {
    fetchMock.mockImplementation(async input => {
      const url = new URL(String(input));
      if (url.pathname.endsWith('/freshness')) {
        return url.searchParams.get('cursor')
          ? json({
              items: [
                { project: 'hello-world', dataset: 'Orders', status: 'stale' },
              ],
              totalCount: 2,
            })
          : json({
              items: [{ ...totalSales, status: 'fresh' }],
              totalCount: 2,
              nextCursor: 'page-2',
            });
      }
      expect(url.searchParams.get('dataset')).toBe('TotalSales');
      expect(url.searchParams.get('project')).toBe('hello-world');
      return json({
        items: [
          { ruleKey: 'not_null:customer_id', status: 'pass' },
          { ruleKey: 'row_count', status: 'fail' },
          { ruleKey: 'row_count', status: 'pass' },
        ],
        totalCount: 3,
      });
    });

    const facts = await reader.read();

    expect(facts.freshness(totalSales)).toBe('fresh');
    expect(facts.freshness({ project: 'hello-world', dataset: 'Orders' })).toBe(
      'stale',
    );
    expect(facts.freshness({ project: 'other', dataset: 'X' })).toBe('unknown');
    expect(await facts.qualityScore(totalSales)).toBe(0.5);
    const [url, init] = fetchMock.mock.calls[0];
    expect(String(url)).toMatch(
      /^http:\/\/localhost:0\/api\/data-mesh\/freshness\?/,
    );
    expect(init?.headers).toEqual({
      Authorization: expect.stringMatching(/^Bearer /),
    });
  });

  it('goes on without facts when the data-mesh API does not answer', async () => {
    fetchMock.mockResolvedValue(json({ error: { message: 'nope' } }, 503));

    const facts = await reader.read();

    expect(facts.freshness(totalSales)).toBe('unknown');
    expect(await facts.qualityScore(totalSales)).toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/without freshness and quality/),
    );
  });

  it('leaves one product unscored when its quality cannot be read', async () => {
    fetchMock.mockImplementation(async input =>
      String(input).includes('/freshness')
        ? json({ items: [], totalCount: 0 })
        : json({ error: { message: 'Not found' } }, 404),
    );

    const facts = await reader.read();

    expect(await facts.qualityScore(totalSales)).toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/No quality score for hello-world\/TotalSales/),
    );
  });
});

describe('latestPassShare', () => {
  it('is undefined before any rule ran', () => {
    expect(latestPassShare([])).toBeUndefined();
  });

  it('counts an error as not passed', () => {
    expect(
      latestPassShare([
        { ruleKey: 'a', status: 'error' },
        { ruleKey: 'b', status: 'pass' },
      ]),
    ).toBe(0.5);
  });
});
