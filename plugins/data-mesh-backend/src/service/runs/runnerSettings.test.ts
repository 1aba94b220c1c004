import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { readRunnerSettings } from './runnerSettings';

const read = (runner: JsonObject = {}) =>
  readRunnerSettings(new ConfigReader({ dataMesh: { runner } }));

describe('readRunnerSettings', () => {
  it('gives each process its own instance id unless one is configured', () => {
    const [first, second] = [read(), read()];
    expect(first.instanceId).not.toBe(second.instanceId);
    expect(first.instanceId.length).toBeLessThanOrEqual(64);
    expect(read({ instanceId: 'backstage-0' }).instanceId).toBe('backstage-0');
  });

  it('refreshes heartbeats every 15 s and gives up on them after 2 minutes by default', () => {
    expect(read()).toMatchObject({
      heartbeatIntervalMs: 15_000,
      heartbeatTimeoutMs: 120_000,
    });
    expect(
      read({ heartbeatSeconds: 0.5, heartbeatTimeoutSeconds: 3 }),
    ).toMatchObject({ heartbeatIntervalMs: 500, heartbeatTimeoutMs: 3000 });
  });

  it('rejects a timeout a live instance could not keep, and unusable ids', () => {
    expect(() =>
      read({ heartbeatSeconds: 30, heartbeatTimeoutSeconds: 30 }),
    ).toThrow(/heartbeatTimeoutSeconds \(30\) must be longer than/);
    expect(() => read({ heartbeatSeconds: 0 })).toThrow(
      /heartbeatSeconds must be a positive number/,
    );
    expect(() => read({ instanceId: 'x'.repeat(65) })).toThrow(
      /instanceId must be 1 to 64 characters/,
    );
    expect(() => read({ instanceId: ' ' })).toThrow(/instanceId/);
  });
});
