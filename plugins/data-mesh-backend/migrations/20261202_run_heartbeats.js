// @ts-check

/**
 * Which backend instance executes each run, and when it last said it still
 * does. With several replicas on one database, a replica starting up fails
 * only the runs whose heartbeat went stale (or its own, from before it
 * restarted), not the runs other replicas are executing.
 *
 * Runs recorded before this migration have neither; they count as stale.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  // Not in a transaction (see `config`): a retry after a failure half-way
  // adds what is missing.
  const missing = {
    instanceId: !(await knex.schema.hasColumn('job_runs', 'instance_id')),
    heartbeatAt: !(await knex.schema.hasColumn('job_runs', 'heartbeat_at')),
  };
  await knex.schema.alterTable('job_runs', table => {
    if (missing.instanceId) {
      table
        .string('instance_id', 64)
        .nullable()
        .comment('The backend instance that executes the run');
    }
    if (missing.heartbeatAt) {
      table
        .timestamp('heartbeat_at', { useTz: true })
        .nullable()
        .comment('Refreshed by that instance while the run is active');
    }
  });
};

/**
 * SQLite drops a column by rebuilding the table, which would delete the
 * task runs of every run through their foreign key. knex turns foreign key
 * checks off while it rebuilds, which SQLite ignores inside a transaction.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('job_runs', table => {
    table.dropColumn('heartbeat_at');
    table.dropColumn('instance_id');
  });
};

exports.config = { transaction: false };
