/**
 * @jest-environment node
 */
import { Dialect, init, parse } from '@polyglot-sql/sdk';
import { compileProject } from './compileProject';
import { pipelineTargets } from './targets';
import { helloWorldFiles } from './__testUtils__/projects';

/**
 * The generated Databricks code creates what it writes (issue 10, item 5):
 * on a fresh catalog the SQL task and the Python task create every schema
 * and every dataset table before writing into them.
 */
const compiled = compileProject(helloWorldFiles());
const pipelines = [...compiled.project.pipelines.keys()].sort();
const fileOf = (path: string) =>
  compiled.files.find(f => f.path === path)!.content;

describe('Hello World generated for Databricks', () => {
  beforeAll(() => init());

  it.each(pipelines)(
    '%s.sql creates its schemas and tables before writing, and parses as Spark SQL',
    pipeline => {
      const sql = fileOf(`generated/sql/${pipeline}.sql`);
      const targets = pipelineTargets(compiled.project, pipeline);
      expect(targets.length).toBeGreaterThan(0);
      const firstWrite = sql.search(/^-- Target /m);
      const createdBeforeWriting = (statement: string) => {
        const at = sql.indexOf(`\n${statement}`);
        return at > 0 && at < firstWrite;
      };
      for (const { table } of targets) {
        const schema = table.split('.')[0];
        expect({
          table,
          schema: createdBeforeWriting(
            `CREATE SCHEMA IF NOT EXISTS ${schema};`,
          ),
          table_: createdBeforeWriting(`CREATE TABLE IF NOT EXISTS ${table} (`),
        }).toEqual({ table, schema: true, table_: true });
      }
      // polyglot-sql does not parse named parameters (`:catalog`); the
      // rest is the file as generated.
      const parsed = parse(
        sql.replace('IDENTIFIER(:catalog)', 'main'),
        Dialect.Spark,
      );
      expect(parsed.error ?? undefined).toBeUndefined();
    },
  );

  it('writes the contract column descriptions as comments', () => {
    const sql = fileOf('generated/sql/ComputeSales.sql');
    expect(sql).toContain(
      "  discount_amount DECIMAL(32, 2) COMMENT 'Discounts granted: gross amount minus net revenue.'",
    );
    expect(sql).toMatch(
      /\nCOMMENT ON TABLE gold\.daily_summary IS 'Completed sales per day/,
    );
    expect(sql).toContain('INSERT OVERWRITE TABLE gold.daily_summary (');
  });

  it.each(pipelines)('%s.py creates them before writing', pipeline => {
    const python = fileOf(`generated/python/${pipeline}.py`);
    for (const { table } of pipelineTargets(compiled.project, pipeline)) {
      expect(python).toContain(`"""CREATE TABLE IF NOT EXISTS ${table} (`);
    }
    const prepared = python.indexOf('for statement in PREPARE_TARGETS:');
    expect(prepared).toBeGreaterThan(0);
    expect(prepared).toBeLessThan(python.indexOf('targets = build(spark)'));
  });
});
