// @ts-check

/**
 * The reads of a dataset the portal made for someone, such as a Sample,
 * for the data product's "recent reads". Reads by pipelines come from the
 * task runs already recorded.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dataset_reads', table => {
    table.comment('A read of a dataset the portal made for a user');
    table.bigIncrements('id').primary();
    table.string('project', 255).notNullable();
    table.string('dataset', 255).notNullable();
    table
      .string('reader', 255)
      .notNullable()
      .comment('The user entity ref of whoever read it');
    table.string('via', 32).notNullable().comment("'sample'");
    table.timestamp('read_at', { useTz: true }).notNullable();
    table.index(['project', 'dataset', 'read_at'], 'dataset_reads_dataset_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dataset_reads');
};
