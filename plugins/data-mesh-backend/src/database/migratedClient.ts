import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@meshwork/data-mesh-backend',
  'migrations',
);

/**
 * The plugin's knex client, its schema migrated to the latest version unless
 * the database service or the caller skips migrations. Every store of the
 * plugin shares the one migrations folder, so each may be created first.
 */
export async function migratedClient(options: {
  database: DatabaseService;
  skipMigrations?: boolean;
}): Promise<Knex> {
  const client = await options.database.getClient();
  if (!options.database.migrations?.skip && !options.skipMigrations) {
    await client.migrate.latest({ directory: migrationsDir });
  }
  return client;
}
