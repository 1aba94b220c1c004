import type { FactsStore } from '../../database';
import { PipelineCostEstimator } from './estimatePipelineCost';

/** A facts store with one finished ten-minute task run of ComputeSales. */
function factsWithOneRun() {
  const lookups = { count: 0, fail: false };
  const facts = {
    async listJobRuns() {
      lookups.count++;
      if (lookups.fail) throw new Error('database down');
      return { items: [{ id: 'run-1' }] };
    },
    async getJobRun(id: string) {
      return {
        id,
        tasks: [
          {
            id: 'task-1',
            jobRunId: id,
            pipeline: 'ComputeSales',
            status: 'succeeded',
            startedAt: new Date('2026-03-01T06:00:00Z'),
            endedAt: new Date('2026-03-01T06:10:00Z'),
          },
        ],
      };
    },
    async listCosts() {
      return [];
    },
  } as unknown as FactsStore;
  return { facts, lookups };
}

describe('PipelineCostEstimator', () => {
  const previewMs = async () => 36_000;

  it('looks the last runs up once per max age, and once for simultaneous previews', async () => {
    const { facts, lookups } = factsWithOneRun();
    let clock = 0;
    const estimator = new PipelineCostEstimator({
      facts,
      dbusPerHour: 6,
      maxAgeMs: 1000,
      now: () => clock,
    });
    const request = { project: 'p', pipeline: 'ComputeSales', previewMs };
    const costs = await Promise.all([
      estimator.estimate(request),
      estimator.estimate(request),
    ]);
    expect(costs).toEqual([
      { dbus: 1, basis: 'last-runs', estimated: true },
      { dbus: 1, basis: 'last-runs', estimated: true },
    ]);
    expect(lookups.count).toBe(1);

    clock = 999;
    await estimator.estimate(request);
    expect(lookups.count).toBe(1);
    // Another pipeline has its own lookup, and its own basis.
    expect(await estimator.estimate({ ...request, pipeline: 'Other' })).toEqual(
      { dbus: 0.06, basis: 'preview', estimated: true },
    );
    expect(lookups.count).toBe(2);

    clock = 1000;
    await estimator.estimate(request);
    expect(lookups.count).toBe(3);
  });

  it('does not keep a failed lookup', async () => {
    const { facts, lookups } = factsWithOneRun();
    const estimator = new PipelineCostEstimator({
      facts,
      dbusPerHour: 6,
      maxAgeMs: 60_000,
      now: () => 0,
    });
    const request = { project: 'p', pipeline: 'ComputeSales', previewMs };
    lookups.fail = true;
    await expect(estimator.estimate(request)).rejects.toThrow('database down');
    lookups.fail = false;
    await expect(estimator.estimate(request)).resolves.toMatchObject({
      basis: 'last-runs',
    });
  });
});
