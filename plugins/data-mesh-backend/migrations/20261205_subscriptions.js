// @ts-check

/**
 * Subscriptions to data products: who asked for which product's data, for
 * which team and purpose, under which contract, and the decision; with an
 * append-only audit log of every change of state.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('subscriptions', table => {
    table.comment('A request for access to a data product, and its decision');
    table.string('id', 36).primary().comment('A UUID');
    table
      .string('product_ref', 255)
      .notNullable()
      .comment(
        'The DataProduct entity ref, e.g. dataproduct:default/total-sales',
      );
    table.string('project', 255).notNullable();
    table.string('dataset', 255).notNullable();
    table.string('requester', 255).notNullable().comment('A user entity ref');
    table
      .string('team', 255)
      .notNullable()
      .comment('The consuming group entity ref');
    table.text('purpose').nullable();
    table
      .text('columns')
      .nullable()
      .comment('A JSON array of column names; NULL for all columns');
    table.timestamp('expires_at', { useTz: true }).nullable();
    table
      .string('contract_version', 80)
      .notNullable()
      .comment("A fingerprint of the contract agreed to, 'sha256:…'");
    table
      .text('contract')
      .notNullable()
      .comment('The contract agreed to, as JSON, for later comparison');
    table
      .string('state', 16)
      .notNullable()
      .comment(
        "'pending', 'approved', 'denied', 'withdrawn', 'revoked' or 'expired'",
      );
    // Unique keys treat NULLs as distinct on both databases: set while the
    // request is pending, so that one team has one pending request per
    // product however many arrive at once.
    table
      .string('pending_key', 512)
      .nullable()
      .comment('product_ref and team while pending, else NULL');
    table
      .string('grant_status', 16)
      .notNullable()
      .defaultTo('none')
      .comment("'none', 'granted' or 'failed'");
    table.text('grant_error').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();

    table.unique(['pending_key'], { indexName: 'subscriptions_pending_idx' });
    table.index(['product_ref', 'state'], 'subscriptions_product_idx');
    table.index(['team', 'state'], 'subscriptions_team_idx');
    table.index(['state', 'expires_at'], 'subscriptions_expiry_idx');
  });

  await knex.schema.createTable('subscription_audit', table => {
    table.comment('Every change of state of a subscription; never updated');
    table.increments('id').primary();
    table
      .string('subscription_id', 36)
      .notNullable()
      .references('id')
      .inTable('subscriptions')
      .onDelete('CASCADE');
    table.timestamp('at', { useTz: true }).notNullable();
    table
      .string('actor', 255)
      .notNullable()
      .comment('A user entity ref, or meshwork:… for the portal itself');
    table
      .string('from_state', 16)
      .nullable()
      .comment('NULL for the request itself');
    table.string('to_state', 16).notNullable();
    table.text('reason').nullable();

    table.index(['subscription_id', 'id'], 'subscription_audit_sub_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('subscription_audit');
  await knex.schema.dropTable('subscriptions');
};
