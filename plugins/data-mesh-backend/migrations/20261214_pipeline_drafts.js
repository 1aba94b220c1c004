// @ts-check

/**
 * The pipeline editor's autosaved drafts: one per user and pipeline, so an
 * edit survives a page reload until it is committed or thrown away.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pipeline_drafts', table => {
    // No apostrophes: knex does not escape them in PostgreSQL comments.
    table.comment('An unsaved edit of a pipeline in the editor, one per user');
    table.string('project', 255).notNullable();
    table.string('pipeline', 255).notNullable();
    table
      .string('author', 255)
      .notNullable()
      .comment('The user entity ref of whoever is editing');
    table
      .string('base_commit', 64)
      .notNullable()
      .comment('The commit the edit started from');
    table.text('text').notNullable().comment('The pipeline file as edited');
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.primary(['project', 'pipeline', 'author']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pipeline_drafts');
};
