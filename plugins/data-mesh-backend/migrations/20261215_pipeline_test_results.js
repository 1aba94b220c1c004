// @ts-check

/**
 * The last result of each pipeline test (`tests/<name>.test.yaml`) run from
 * the portal, per project and git ref: what the project view shows next to
 * each test. Running again replaces it, so the table holds one row per test
 * and ref.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pipeline_test_results', table => {
    // No apostrophes: knex does not escape them in PostgreSQL comments.
    table.comment('The last result of each pipeline test run from the portal');
    table.string('project', 255).notNullable();
    table
      .string('ref', 255)
      .notNullable()
      .comment('The git ref the tests ran at; empty for the files as they are');
    table
      .string('file', 255)
      .notNullable()
      .comment('The test file, relative to the project root');
    table
      .string('test_name', 255)
      .notNullable()
      .comment('The name of the test in the file');
    table.string('status', 16).notNullable();
    table
      .text('detail')
      .nullable()
      .comment('The row diff of a failure or the message of an error');
    table.integer('duration_ms').notNullable();
    table
      .string('ran_by', 255)
      .notNullable()
      .comment('The user entity ref of whoever ran it');
    table.timestamp('ran_at', { useTz: true }).notNullable();
    table.primary(['project', 'ref', 'file', 'test_name']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pipeline_test_results');
};
