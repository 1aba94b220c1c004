import fs from 'node:fs';
import path from 'node:path';
import { diffOf, generatedCodeVersions } from './generatedCode';

const ROOT = path.resolve(__dirname, '../../../../../../examples/hello-world');
const FILE = 'pipelines/ComputeSales.pipeline.yaml';
const projectFiles = [
  'meshwork.yaml',
  'datasets',
  'pipelines',
  'rules',
  'subgraphs',
  'jobs',
]
  .flatMap(entry =>
    fs.statSync(path.join(ROOT, entry)).isDirectory()
      ? fs.readdirSync(path.join(ROOT, entry)).map(name => `${entry}/${name}`)
      : [entry],
  )
  .map(p => ({ path: p, text: fs.readFileSync(path.join(ROOT, p), 'utf8') }));
const committedText = fs.readFileSync(path.join(ROOT, FILE), 'utf8');
const committed = (p: string) => fs.readFileSync(path.join(ROOT, p), 'utf8');

function versions(draftText: string) {
  return generatedCodeVersions({
    projectFiles,
    path: FILE,
    pipeline: 'ComputeSales',
    draftText,
    committedText,
  });
}

describe('generatedCodeVersions', () => {
  it('generates what is committed beside the project, SQL first', () => {
    const files = versions(committedText);
    expect(files.map(f => f.path)).toEqual([
      'generated/sql/ComputeSales.sql',
      'generated/python/ComputeSales.py',
      'databricks.yml',
      'resources/daily_summary.job.yml',
      'resources/job_test.job.yml',
    ]);
    for (const file of files) {
      expect(file.draft).toBe(committed(file.path));
      expect(file.committed).toBe(file.draft);
    }
  });

  it('shows a changed condition as a change of the generated SQL and PySpark', () => {
    const draft = committedText.replace(
      "order_status = 'completed'",
      "order_status = 'shipped'",
    );
    const [sql, python] = versions(draft);
    const changes = diffOf(sql.committed!, sql.draft!).filter(
      l => l.kind !== 'same',
    );
    expect(changes.length).toBeGreaterThan(0);
    for (const line of changes) {
      expect(line.text).toContain(
        line.kind === 'added' ? "'shipped'" : "'completed'",
      );
    }
    expect(changes.filter(l => l.kind === 'added')).toHaveLength(
      changes.length / 2,
    );
    expect(python.draft).toContain("'shipped'");
    expect(python.committed).toContain("'completed'");
  });

  it('has no draft code for a draft that does not compile', () => {
    const [sql] = versions(
      committedText.replace('order_status =', 'order_statuz ='),
    );
    expect(sql.draft).toBeUndefined();
    expect(sql.committed).toBe(committed('generated/sql/ComputeSales.sql'));
  });
});
