import { compileProject } from './compileProject';
import { loadProject, ProjectFileParseCache } from './loadProject';
import { formatProjectCompilerDiagnostic } from './positions';
import { shopProject } from './__testUtils__/projects';
import type { ProjectCompilerDiagnostic } from './types';

const lines = (diagnostics: readonly ProjectCompilerDiagnostic[]) =>
  diagnostics.map(d => formatProjectCompilerDiagnostic(d));

function replaceIn(file: string, from: string, to: string) {
  const text = shopProject().find(f => f.path === file)!.text;
  if (!text.includes(from)) throw new Error(`"${from}" is not in ${file}`);
  return shopProject({ [file]: text.replace(from, to) });
}

describe('loadProject', () => {
  it('loads a valid project with its propagation context', () => {
    const loaded = loadProject(shopProject());
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.fileCount).toBe(7);
    expect(loaded.project?.value.name).toBe('shop');
    expect([...loaded.pipelines.keys()].sort()).toEqual([
      'CleanOrders',
      'TotalOrders',
    ]);
    expect(loaded.context.datasets.clean_orders).toEqual({
      table: 'silver.orders',
      visibility: 'internal',
      columns: [
        { name: 'order_id', type: 'bigint' },
        { name: 'amount_cents', type: 'decimal(14,2)' },
        { name: 'status', type: 'string' },
      ],
    });
  });

  it('points at a dataset that does not exist and suggests the closest', () => {
    const { diagnostics, brokenPipelines } = loadProject(
      replaceIn(
        'pipelines/CleanOrders.pipeline.yaml',
        'dataset: raw_orders',
        'dataset: raw_order',
      ),
    );
    expect(lines(diagnostics)).toEqual([
      'pipelines/CleanOrders.pipeline.yaml:8:16: error: no dataset "raw_order" in the project (did you mean "raw_orders"?) (nodes[0].config.dataset)',
    ]);
    expect([...brokenPipelines]).toEqual(['CleanOrders']);
  });

  it('points at a job task whose pipeline does not exist', () => {
    const { diagnostics } = loadProject(
      replaceIn(
        'jobs/Nightly.job.yaml',
        'pipeline: TotalOrders',
        'pipeline: TotalOrder',
      ),
    );
    expect(lines(diagnostics)).toEqual([
      'jobs/Nightly.job.yaml:7:15: error: no pipeline "TotalOrder" in the project (did you mean "TotalOrders"?) (tasks[1].pipeline)',
    ]);
  });

  it('reports task dependencies on unknown keys and cycles in the job file', () => {
    const unknown = loadProject(
      replaceIn('jobs/Nightly.job.yaml', '      - clean\n', '      - cleen\n'),
    );
    expect(lines(unknown.diagnostics)).toEqual([
      'jobs/Nightly.job.yaml:9:9: error: no task has key "cleen" (did you mean "clean"?) (tasks[1].dependsOn[0])',
    ]);
    const cycle = loadProject(
      replaceIn(
        'jobs/Nightly.job.yaml',
        '    pipeline: CleanOrders\n',
        '    pipeline: CleanOrders\n    dependsOn:\n      - totals\n',
      ),
    );
    expect(cycle.diagnostics.map(d => [d.file, d.code])).toEqual([
      ['jobs/Nightly.job.yaml', 'cycle'],
    ]);
  });

  it('points at rules and subgraphs that do not exist', () => {
    const text = shopProject()
      .find(f => f.path === 'pipelines/TotalOrders.pipeline.yaml')!
      .text.replace(
        'edges:\n',
        `  - id: classify
    type: BusinessRule
    position: { x: 0, y: 200 }
    config:
      rule: Segments
      outputColumn: segment
      bindings: {}
  - id: enrich
    type: Subgraph
    position: { x: 0, y: 400 }
    config:
      subgraph: Enrich
edges:
`,
      );
    const { diagnostics } = loadProject(
      shopProject({ 'pipelines/TotalOrders.pipeline.yaml': text }),
    );
    expect(
      lines(diagnostics.filter(d => d.code === 'unknown-reference')),
    ).toEqual([
      'pipelines/TotalOrders.pipeline.yaml:28:13: error: no rule "Segments" in the project (nodes[3].config.rule)',
      'pipelines/TotalOrders.pipeline.yaml:35:17: error: no subgraph "Enrich" in the project (nodes[4].config.subgraph)',
    ]);
  });

  it('reports two files that claim the same name, and a name that differs from the file name', () => {
    const copy = shopProject().find(
      f => f.path === 'pipelines/CleanOrders.pipeline.yaml',
    )!.text;
    const { diagnostics } = loadProject(
      shopProject({ 'pipelines/CleanOrders2.pipeline.yaml': copy }),
    );
    expect(lines(diagnostics)).toEqual([
      'pipelines/CleanOrders2.pipeline.yaml:2:7: warning: name "CleanOrders" differs from the file name "CleanOrders2"; other files refer to it by name (name)',
      'pipelines/CleanOrders2.pipeline.yaml:2:7: error: pipeline "CleanOrders" is already defined in pipelines/CleanOrders.pipeline.yaml (name)',
    ]);
  });

  it('needs a meshwork.yaml and warns about misnamed files in project folders', () => {
    const files = shopProject({ 'meshwork.yaml': null });
    files.push({ path: 'pipelines/notes.yaml', text: 'hello: world\n' });
    files.push({ path: 'README.md', text: '# shop\n' });
    const { diagnostics, fileCount } = loadProject(files);
    expect(fileCount).toBe(6);
    expect(lines(diagnostics)).toEqual([
      'meshwork.yaml:1:1: error: a data project needs a meshwork.yaml at its root (name, owner, domain, engine)',
      'pipelines/notes.yaml:1:1: warning: not read: files in pipelines/ must be named <name>.pipeline.yaml',
    ]);
  });

  it('keeps parse errors at their position and skips the broken file', () => {
    const loaded = loadProject(
      replaceIn(
        'datasets/raw_orders.dataset.yaml',
        'layer: bronze',
        'layer: copper',
      ),
    );
    expect(lines(loaded.diagnostics)[0]).toMatch(
      /^datasets\/raw_orders\.dataset\.yaml:4:8: error: /,
    );
    expect(loaded.datasets.has('raw_orders')).toBe(false);
  });
});

describe('ProjectFileParseCache', () => {
  it('parses again only the files whose text changed, loading the same project', () => {
    const parseCache = new ProjectFileParseCache();
    const first = loadProject(shopProject(), { parseCache });
    const edited = replaceIn(
      'pipelines/CleanOrders.pipeline.yaml',
      'dataset: raw_orders',
      'dataset: raw_ordrs',
    );
    const second = loadProject(edited, { parseCache });
    // Unchanged files hand back the very values of the first parse.
    expect(second.datasets.get('clean_orders')!.value).toBe(
      first.datasets.get('clean_orders')!.value,
    );
    expect(second.pipelines.get('CleanOrders')!.value).not.toBe(
      first.pipelines.get('CleanOrders')!.value,
    );
    // And the result is what a load without the cache finds.
    expect(second.diagnostics).toEqual(loadProject(edited).diagnostics);
    expect(second.diagnostics.map(d => d.file)).toContain(
      'pipelines/CleanOrders.pipeline.yaml',
    );
    const back = loadProject(shopProject(), { parseCache });
    expect(back.diagnostics).toEqual([]);
    expect(back.context).toEqual(first.context);
  });
});

describe('compiler diagnostics in project files', () => {
  it('puts an expression error on the offending character inside the expression', () => {
    const { diagnostics, files } = compileProject(
      replaceIn(
        'pipelines/CleanOrders.pipeline.yaml',
        'condition: amount > 0',
        "condition: amount > 0 AND statu = 'paid'",
      ),
    );
    expect(lines(diagnostics)).toEqual([
      expect.stringMatching(
        /^pipelines\/CleanOrders\.pipeline\.yaml:13:33: error: node "valid": .*statu.* \(nodes\[1\]\.config\.condition\)$/,
      ),
    ]);
    expect(diagnostics[0].endColumn).toBe(38);
    // The other pipeline still compiles.
    expect(files.map(f => f.path)).toContain('generated/sql/TotalOrders.sql');
    expect(files.map(f => f.path)).not.toContain(
      'generated/sql/CleanOrders.sql',
    );
  });

  it('places an expression error inside a quoted YAML string', () => {
    const { diagnostics } = compileProject(
      replaceIn(
        'pipelines/CleanOrders.pipeline.yaml',
        'expression: lower(status)',
        'expression: "upper(lower(stats))"',
      ),
    );
    expect(lines(diagnostics)).toEqual([
      'pipelines/CleanOrders.pipeline.yaml:24:36: error: node "cents": unknown column `stats`; did you mean `status`? (nodes[2].config.columns[2].expression)',
    ]);
  });

  it('points a contract mismatch at the Target gem', () => {
    const { diagnostics } = compileProject(
      replaceIn(
        'datasets/order_totals.dataset.yaml',
        'name: total_cents',
        'name: total',
      ),
    );
    expect(diagnostics.map(d => [d.file, d.line, d.code])).toContainEqual([
      'pipelines/TotalOrders.pipeline.yaml',
      expect.any(Number),
      'contract-mismatch',
    ]);
    const mismatch = diagnostics.find(d => d.code === 'contract-mismatch')!;
    expect(mismatch.path).toMatch(/^nodes\[2\]/);
  });
});
