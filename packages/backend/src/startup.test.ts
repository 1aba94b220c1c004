import { spawnSync } from 'node:child_process';
import path from 'node:path';

const backendDir = path.resolve(__dirname, '..');

/** Starts the real backend entry point with config overrides from the environment. */
function startBackend(env: Record<string, string>) {
  return spawnSync(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      'src/index.ts',
      '--config',
      '../../app-config.yaml',
    ],
    {
      cwd: backendDir,
      encoding: 'utf8',
      timeout: 90_000,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        APP_CONFIG_backend_listen_port: '0',
        APP_CONFIG_backend_database_connection: '":memory:"',
        ...env,
      },
    },
  );
}

describe('backend start-up', () => {
  it('fails with one line naming the config key when the warehouse path is unreadable', () => {
    const result = startBackend({
      APP_CONFIG_dataMesh_engines_duckdb_path: '/nonexistent/warehouse.duckdb',
    });

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      "Meshwork backend failed to start:\n  dataMesh.engines.duckdb.path: no DuckDB warehouse at '/nonexistent/warehouse.duckdb'",
    );
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/^\s+at /m);
  });
});
