import { Config } from '@backstage/config';

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
}

const DEFAULTS = {
  engine: 'duckdb',
  dbuPerHour: 1,
  timeoutMinutes: 60,
  platformTeam: 'group:default/platform-team',
  freshnessCheckMinutes: 15,
  billingCheckMinutes: 60,
};

function positiveNumber(
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
  };
}
