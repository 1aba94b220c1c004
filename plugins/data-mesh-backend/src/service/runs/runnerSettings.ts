import { Config } from '@backstage/config';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/** How the backend runs jobs, from `dataMesh.runner` and `dataMesh.alerts`. */
export interface RunnerSettings {
  enabled: boolean;
  /**
   * The id of the warehouse engine jobs run on; with an executor, the one
   * that checks the quality of what remote runs wrote.
   */
  engine: string;
  /** The id of the job executor that runs whole jobs remotely, if any. */
  executor?: string;
  /** How often billed usage is looked for, for runs still estimated. */
  billingCheckMinutes: number;
  /** DBUs per hour of run time, for cost estimates. */
  dbuPerHour: number;
  /** The longest a job may run when its file sets no timeout. */
  timeoutMs: number;
  /** The group told about runs that fail. */
  platformTeam: string;
  freshnessCheckMinutes: number;
  /**
   * This backend instance, recorded on the runs it executes: the configured
   * `instanceId`, else one made up for this process.
   */
  instanceId: string;
  /** How often the instance refreshes the heartbeat of the runs it executes. */
  heartbeatIntervalMs: number;
  /**
   * How old a run's heartbeat may get before the run is failed: its
   * instance stopped without ending it.
   */
  heartbeatTimeoutMs: number;
}

const DEFAULTS = {
  engine: 'duckdb',
  dbuPerHour: 1,
  timeoutMinutes: 60,
  platformTeam: 'group:default/platform-team',
  freshnessCheckMinutes: 15,
  billingCheckMinutes: 60,
  heartbeatSeconds: 15,
  heartbeatTimeoutSeconds: 120,
};

/** The length of `job_runs.instance_id`. */
const MAX_INSTANCE_ID_LENGTH = 64;

/** The host name, to tell instances apart in logs, and a random part. */
function processInstanceId(): string {
  return `${hostname().slice(0, 27)}-${randomUUID()}`;
}

function instanceId(config: Config): string {
  const key = 'dataMesh.runner.instanceId';
  const configured = config.getOptionalString(key);
  if (configured === undefined) return processInstanceId();
  if (!configured.trim() || configured.length > MAX_INSTANCE_ID_LENGTH) {
    throw new Error(
      `${key} must be 1 to ${MAX_INSTANCE_ID_LENGTH} characters, got '${configured}'`,
    );
  }
  return configured;
}

/** A number from config, or the fallback; an error when it is out of range. */
export function positiveNumber(
  config: Config,
  key: string,
  fallback: number,
  allowZero = false,
): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new Error(
      `${key} must be a ${
        allowZero ? 'non-negative' : 'positive'
      } number, got ${value}`,
    );
  }
  return value;
}

export function readRunnerSettings(config: Config): RunnerSettings {
  const heartbeatIntervalMs =
    positiveNumber(
      config,
      'dataMesh.runner.heartbeatSeconds',
      DEFAULTS.heartbeatSeconds,
    ) * 1000;
  const heartbeatTimeoutMs =
    positiveNumber(
      config,
      'dataMesh.runner.heartbeatTimeoutSeconds',
      DEFAULTS.heartbeatTimeoutSeconds,
    ) * 1000;
  // Within the interval a live instance's runs would look abandoned.
  if (heartbeatTimeoutMs <= heartbeatIntervalMs) {
    throw new Error(
      `dataMesh.runner.heartbeatTimeoutSeconds (${
        heartbeatTimeoutMs / 1000
      }) must be longer than dataMesh.runner.heartbeatSeconds (${
        heartbeatIntervalMs / 1000
      })`,
    );
  }
  return {
    enabled: config.getOptionalBoolean('dataMesh.runner.enabled') ?? true,
    engine:
      config.getOptionalString('dataMesh.runner.engine') ?? DEFAULTS.engine,
    executor: config.getOptionalString('dataMesh.runner.executor'),
    billingCheckMinutes: positiveNumber(
      config,
      'dataMesh.runner.billingCheckMinutes',
      DEFAULTS.billingCheckMinutes,
    ),
    dbuPerHour: positiveNumber(
      config,
      'dataMesh.runner.dbuPerHour',
      DEFAULTS.dbuPerHour,
      true,
    ),
    timeoutMs:
      positiveNumber(
        config,
        'dataMesh.runner.timeoutMinutes',
        DEFAULTS.timeoutMinutes,
      ) * 60_000,
    platformTeam:
      config.getOptionalString('dataMesh.alerts.platformTeam') ??
      DEFAULTS.platformTeam,
    freshnessCheckMinutes: positiveNumber(
      config,
      'dataMesh.alerts.freshnessCheckMinutes',
      DEFAULTS.freshnessCheckMinutes,
    ),
    instanceId: instanceId(config),
    heartbeatIntervalMs,
    heartbeatTimeoutMs,
  };
}
