import fs from 'fs';
import path from 'path';
import { compileProjectPipeline } from './compileProject';
import { loadProject } from './loadProject';
import { helloWorldFiles } from './__testUtils__/projects';

/**
 * Golden files of the DuckDB SQL the Hello World pipelines compile to (what
 * `meshwork run` and the portal's previews execute). The Spark SQL and
 * PySpark goldens are the committed files under examples/hello-world/generated,
 * which `meshwork compile --check` keeps up to date.
 *
 * `UPDATE_GOLDEN=1 yarn test …` rewrites the expected files.
 */
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const FIXTURES = path.join(__dirname, '__fixtures__', 'hello-world-duckdb');

const loaded = loadProject(helloWorldFiles());

describe('Hello World in DuckDB SQL', () => {
  it.each([...loaded.pipelines.keys()].sort())('%s', name => {
    const compiled = compileProjectPipeline(loaded, name, 'duckdb');
    expect(compiled.diagnostics).toEqual([]);
    const file = path.join(FIXTURES, `${name}.sql`);
    if (UPDATE) {
      fs.mkdirSync(FIXTURES, { recursive: true });
      fs.writeFileSync(file, compiled.sql!);
    }
    expect(compiled.sql).toBe(fs.readFileSync(file, 'utf8'));
  });
});
