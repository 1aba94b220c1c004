// @ts-check

/**
 * The facts the data-mesh backend keeps about job runs: their tasks, the
 * quality checks evaluated after each write, what they cost, how fresh each
 * dataset is, and which alerts are open.
 *
 * Timestamps are `timestamptz` on PostgreSQL; on SQLite knex stores them as
 * epoch milliseconds, which the store converts back.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('job_runs', table => {
    table.comment('One execution of a data project job');
    table.string('id', 36).primary().comment('A UUID');
    table.string('project', 255).notNullable();
    table.string('job', 255).notNullable();
    table
      .string('trigger', 16)
      .notNullable()
      .comment("'schedule', 'manual' or 'api'");
    table.string('engine', 64).notNullable();
    table
      .string('status', 16)
      .notNullable()
      .comment("'queued', 'running', 'succeeded', 'failed' or 'cancelled'");
    table
      .timestamp('queued_at', { useTz: true })
      .notNullable()
      .comment('When the run was requested; the sort key of run listings');
    table.timestamp('started_at', { useTz: true }).nullable();
    table.timestamp('ended_at', { useTz: true }).nullable();
    table.text('error').nullable();
    table.string('requested_by', 255).nullable();
    table
      .string('external_run_id', 64)
      .nullable()
      .comment('The Databricks run id, for runs on Databricks');

    table.index(['project', 'job', 'queued_at'], 'job_runs_project_job_idx');
    table.index(['queued_at'], 'job_runs_queued_at_idx');
    table.index(['status'], 'job_runs_status_idx');
    table.index(['external_run_id'], 'job_runs_external_run_id_idx');
  });

  await knex.schema.createTable('task_runs', table => {
    table.comment('One pipeline task of a job run');
    table.string('id', 36).primary();
    table
      .string('job_run_id', 36)
      .notNullable()
      .references('id')
      .inTable('job_runs')
      .onDelete('CASCADE');
    table.string('task_key', 255).notNullable();
    table.string('pipeline', 255).notNullable();
    table
      .string('status', 16)
      .notNullable()
      .comment(
        "'queued', 'running', 'succeeded', 'failed', 'cancelled' or 'skipped'",
      );
    table.timestamp('started_at', { useTz: true }).nullable();
    table.timestamp('ended_at', { useTz: true }).nullable();
    table.bigInteger('rows_written').nullable();
    table.text('error').nullable();

    table.unique(['job_run_id', 'task_key'], {
      indexName: 'task_runs_job_run_task_key_idx',
    });
    table.index(['status'], 'task_runs_status_idx');
  });

  await knex.schema.createTable('task_run_datasets', table => {
    table.comment('The datasets each task run writes');
    table
      .string('task_run_id', 36)
      .notNullable()
      .references('id')
      .inTable('task_runs')
      .onDelete('CASCADE');
    table.string('dataset', 255).notNullable();

    table.primary(['task_run_id', 'dataset']);
    table.index(['dataset'], 'task_run_datasets_dataset_idx');
  });

  await knex.schema.createTable('quality_results', table => {
    table.comment('The outcome of one contract quality rule in one run');
    table.string('id', 36).primary();
    table
      .string('job_run_id', 36)
      .notNullable()
      .references('id')
      .inTable('job_runs')
      .onDelete('CASCADE');
    table
      .string('task_run_id', 36)
      .nullable()
      .references('id')
      .inTable('task_runs')
      .onDelete('CASCADE');
    table.string('dataset', 255).notNullable();
    table.string('rule_key', 255).notNullable();
    table.text('rule_label').notNullable();
    table
      .string('status', 8)
      .notNullable()
      .comment("'pass', 'fail' or 'error'");
    table.bigInteger('checked_rows').nullable();
    table.bigInteger('failing_rows').nullable();
    table.text('observed').nullable();
    table.text('message').nullable();
    table.timestamp('evaluated_at', { useTz: true }).notNullable();

    table.index(
      ['dataset', 'rule_key', 'evaluated_at'],
      'quality_results_dataset_rule_idx',
    );
    table.index(['dataset', 'evaluated_at'], 'quality_results_dataset_idx');
    table.index(['job_run_id'], 'quality_results_job_run_idx');
  });

  await knex.schema.createTable('run_costs', table => {
    table.comment('DBUs a run or one of its tasks consumed');
    table.string('id', 36).primary();
    table
      .string('job_run_id', 36)
      .notNullable()
      .references('id')
      .inTable('job_runs')
      .onDelete('CASCADE');
    table
      .string('task_run_id', 36)
      .nullable()
      .references('id')
      .inTable('task_runs')
      .onDelete('CASCADE');
    // Unique keys treat NULLs as distinct on both databases, so the figure
    // for a whole run needs a non-null key to be upserted.
    table
      .string('scope', 36)
      .notNullable()
      .comment("The task run id, or 'run' for the run as a whole");
    table.string('project', 255).notNullable();
    table.string('pipeline', 255).nullable();
    table.string('team', 255).notNullable();
    table.decimal('dbus', 20, 6).notNullable();
    table.boolean('estimated').notNullable();
    table
      .string('source', 32)
      .notNullable()
      .comment("'estimate' or 'system.billing.usage'");
    table.string('usage_month', 7).notNullable().comment("'YYYY-MM'");
    table.timestamp('recorded_at', { useTz: true }).notNullable();

    table.unique(['job_run_id', 'scope'], {
      indexName: 'run_costs_job_run_scope_idx',
    });
    table.index(['project', 'usage_month'], 'run_costs_project_month_idx');
    table.index(['team', 'usage_month'], 'run_costs_team_month_idx');
    table.index(['usage_month'], 'run_costs_month_idx');
  });

  await knex.schema.createTable('dataset_freshness', table => {
    table.comment('The last successful write of each dataset');
    table.string('project', 255).notNullable();
    table.string('dataset', 255).notNullable();
    table.string('table_name', 255).notNullable();
    table.timestamp('last_written_at', { useTz: true }).notNullable();
    table
      .string('last_job_run_id', 36)
      .nullable()
      .references('id')
      .inTable('job_runs')
      .onDelete('SET NULL');
    table.bigInteger('rows_written').nullable();

    table.primary(['project', 'dataset']);
  });

  await knex.schema.createTable('alert_states', table => {
    table.comment('One row per breach, so that each alerts exactly once');
    table
      .string('key', 512)
      .primary()
      .comment('e.g. quality:<dataset>:<rule_key> or failure:<project>:<job>');
    table.string('status', 8).notNullable().comment("'open' or 'resolved'");
    table.timestamp('opened_at', { useTz: true }).notNullable();
    table.timestamp('resolved_at', { useTz: true }).nullable();
    table.timestamp('last_notified_at', { useTz: true }).nullable();
    table.string('recipient', 255).notNullable();

    table.index(['status'], 'alert_states_status_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('alert_states');
  await knex.schema.dropTable('dataset_freshness');
  await knex.schema.dropTable('run_costs');
  await knex.schema.dropTable('quality_results');
  await knex.schema.dropTable('task_run_datasets');
  await knex.schema.dropTable('task_runs');
  await knex.schema.dropTable('job_runs');
};
