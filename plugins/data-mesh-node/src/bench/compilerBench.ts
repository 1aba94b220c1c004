/*
 * `yarn bench:compiler`: how fast the compiler is, and how fast the code it
 * generates runs compared with SQL a data engineer writes by hand.
 *
 *  1. Compile time of a generated 500-gem pipeline, from its YAML text to
 *     Spark SQL and to DuckDB SQL (goal: under 100 ms).
 *  2. For each Hello World job, the time its generated DuckDB SQL takes on
 *     the demo warehouse at seed scale 10, divided by the time of the
 *     hand-written queries writing the same tables (goal: at most 1.05).
 *
 * A benchmark, not a test: it prints what it measures and always exits 0
 * unless something fails to run.
 */

import * as polyglotSql from '@polyglot-sql/sdk';
import {
  compilePipeline,
  compileProjectPipeline,
  initSqlParser,
  jobRunOrder,
  loadProject,
  parseProjectFile,
  serializeProjectFile,
  SQL_DIALECT_NAMES,
  SqlDialectName,
} from '@meshwork/data-mesh-common';
import { DuckDBInstance } from '@duckdb/node-api';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readProjectFolder } from '../projects';
import { seedDemoWarehouse } from '../demo';
import { runScript } from '../demo/warehouseFile';
import { helloWorldReferenceQueries } from '../helloWorld/referenceQueries';
import { syntheticPipeline } from './syntheticPipeline';
import { formatMs, measure, median, nowMs, percentile } from './timing';

// Run from the repository root (`yarn bench:compiler`).
const REPO = resolve(process.cwd());
const PROJECT = join(REPO, 'examples/hello-world');

async function compileTime(gems: number) {
  const { pipeline, context } = syntheticPipeline(gems);
  const fileName = `pipelines/${pipeline.name}.pipeline.yaml`;
  const text = serializeProjectFile('pipeline', pipeline);
  const parse = () => {
    const parsed = parseProjectFile('pipeline', fileName, text);
    if (!parsed.value) throw new Error('the synthetic pipeline does not parse');
    return parsed.value;
  };
  const compile = (model: typeof pipeline, dialect: SqlDialectName) => {
    const compiled = compilePipeline(model, context, { dialect });
    if (compiled.sql === undefined) {
      throw new Error(
        `the synthetic pipeline does not compile: ${compiled.diagnostics
          .map(d => d.message)
          .join('; ')}`,
      );
    }
    return compiled.sql;
  };
  console.log(
    `Compile: ${pipeline.nodes.length}-gem pipeline, ${(
      text.length / 1024
    ).toFixed(0)} KiB of YAML → ${(
      compile(pipeline, 'spark').length / 1024
    ).toFixed(0)} KiB of Spark SQL; 5 warm-up runs, then 30 measured`,
  );
  const report = async (label: string, work: () => unknown, goal = false) => {
    const durations = await measure(work, { warmup: 5, runs: 30 });
    const m = median(durations);
    console.log(
      `  ${label}: median ${formatMs(m)}, p90 ${formatMs(
        percentile(durations, 0.9),
      )}${goal ? ` (goal < 100 ms: ${m < 100 ? 'met' : 'NOT met'})` : ''}`,
    );
  };
  for (const dialect of SQL_DIALECT_NAMES) {
    await report(
      `compile to ${dialect} SQL (validate, propagate schemas, lineage, lower, generate)`,
      () => compile(pipeline, dialect),
      true,
    );
  }
  await report('read the YAML file (parse, validate the format)', parse);
  await report('both: YAML text → Spark SQL', () => compile(parse(), 'spark'));
}

/** The hand-written statements writing what a pipeline writes, in the same modes. */
function handWritten(pipeline: string, mergeKeys: Map<string, string[]>) {
  return helloWorldReferenceQueries
    .filter(q => q.pipeline === pipeline)
    .map(({ table, sql }) => {
      const keys = mergeKeys.get(table);
      if (!keys) return `CREATE OR REPLACE TABLE ${table} AS ${sql};`;
      return `MERGE INTO ${table} AS target USING (${sql}) AS source
        ON ${keys.map(k => `target.${k} = source.${k}`).join(' AND ')}
        WHEN MATCHED THEN UPDATE
        WHEN NOT MATCHED THEN INSERT;`;
    })
    .join('\n');
}

async function runtimeRatio(scale: number, rounds: number) {
  const cache = join(REPO, '.data/bench', `warehouse-scale-${scale}.duckdb`);
  await mkdir(join(REPO, '.data/bench'), { recursive: true });
  const seeded = await seedDemoWarehouse({ path: cache, scale });
  console.log(
    `\nRuntime: Hello World jobs on the demo warehouse, seed scale ${scale} (${
      seeded.outcome === 'seeded' ? 'seeded' : 'cached'
    } ${cache}), ${rounds} alternating rounds, median per pipeline`,
  );

  const loaded = loadProject(await readProjectFolder(PROJECT));
  const mergeKeys = new Map<string, string[]>();
  for (const { value } of loaded.pipelines.values()) {
    for (const node of value.nodes) {
      if (node.type !== 'Target' || node.config.mode !== 'merge') continue;
      const table = loaded.datasets.get(node.config.dataset ?? '')?.value.table;
      if (table) mergeKeys.set(table, node.config.mergeKeys ?? []);
    }
  }

  const work = join(REPO, '.data/bench', `run-${process.pid}.duckdb`);
  await copyFile(cache, work);
  const instance = await DuckDBInstance.create(work);
  const connection = await instance.connect();
  try {
    // `meshwork run` creates the merge target before the first run.
    await runScript(
      connection,
      `CREATE SCHEMA IF NOT EXISTS silver; CREATE SCHEMA IF NOT EXISTS gold;
       ${[...mergeKeys.keys()]
         .map(table => {
           const query = helloWorldReferenceQueries.find(
             q => q.table === table,
           )!;
           return `CREATE TABLE ${table} AS SELECT * FROM (${query.sql}) LIMIT 0;`;
         })
         .join('\n')}`,
    );
    let totalGenerated = 0;
    let totalHandWritten = 0;
    for (const job of [...loaded.jobs.keys()].sort()) {
      const order = jobRunOrder(loaded, job);
      if ('error' in order) throw new Error(order.error);
      const pipelines = order.steps.map(({ pipeline }) => {
        const compiled = compileProjectPipeline(loaded, pipeline, 'duckdb');
        if (compiled.sql === undefined) {
          throw new Error(`${pipeline} does not compile`);
        }
        return {
          pipeline,
          generated: compiled.sql,
          handWritten: handWritten(pipeline, mergeKeys),
          timings: { generated: [] as number[], handWritten: [] as number[] },
        };
      });
      const time = async (script: string) => {
        const start = nowMs();
        await runScript(connection, script);
        return nowMs() - start;
      };
      // One unmeasured run of each warms the caches and fills the merge target.
      for (const p of pipelines) {
        await time(p.generated);
        await time(p.handWritten);
      }
      for (let round = 0; round < rounds; round++) {
        for (const p of pipelines) {
          // Alternating which goes first evens out drift on a busy machine.
          const first = round % 2 === 0 ? 'generated' : 'handWritten';
          const second = first === 'generated' ? 'handWritten' : 'generated';
          p.timings[first].push(await time(p[first]));
          p.timings[second].push(await time(p[second]));
        }
      }
      // A job's time: the sum of its pipelines' median times, which one
      // slow statement on a busy machine moves less than a median of sums.
      let g = 0;
      let h = 0;
      const parts = pipelines.map(p => {
        const pg = median(p.timings.generated);
        const ph = median(p.timings.handWritten);
        g += pg;
        h += ph;
        return `${p.pipeline} ${(pg / ph).toFixed(2)}`;
      });
      totalGenerated += g;
      totalHandWritten += h;
      console.log(
        `  job ${job}: generated ${formatMs(g)}, hand-written ${formatMs(
          h,
        )}, ratio ${(g / h).toFixed(3)} (per pipeline: ${parts.join(', ')})`,
      );
    }
    const ratio = totalGenerated / totalHandWritten;
    console.log(
      `  all jobs: ratio generated / hand-written ${ratio.toFixed(
        3,
      )} (goal ≤ 1.05: ${ratio <= 1.05 ? 'met' : 'NOT met'})`,
    );
  } finally {
    connection.closeSync();
    instance.closeSync();
    await rm(work, { force: true });
    await rm(`${work}.wal`, { force: true });
  }
}

async function benchCompiler(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      gems: { type: 'string', default: '500' },
      scale: { type: 'string', default: '10' },
      rounds: { type: 'string', default: '9' },
    },
  });
  await initSqlParser(async () => polyglotSql);
  await compileTime(Number(values.gems));
  await runtimeRatio(Number(values.scale), Number(values.rounds));
}

benchCompiler(process.argv.slice(2)).catch(error => {
  console.error(`bench:compiler failed: ${error?.message ?? error}`);
  process.exitCode = 1;
});
