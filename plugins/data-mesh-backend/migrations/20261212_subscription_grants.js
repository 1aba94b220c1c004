// @ts-check

/**
 * What the warehouse did with a subscription's access, next to its state:
 * audit entries that record a grant or its removal (and their failures)
 * without a change of state, and when the requester was warned of the
 * subscription's expiry, so that each is warned once.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('subscription_audit', table => {
    table
      .string('event', 32)
      .nullable()
      .comment(
        "NULL for a change of state; else 'grant-applied', 'grant-failed', 'grant-removed' or 'grant-removal-failed'",
      );
  });
  await knex.schema.alterTable('subscriptions', table => {
    table
      .timestamp('expiry_warned_at', { useTz: true })
      .nullable()
      .comment('When the requester was told the subscription expires soon');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('subscriptions', table => {
    table.dropColumn('expiry_warned_at');
  });
  await knex.schema.alterTable('subscription_audit', table => {
    table.dropColumn('event');
  });
};
