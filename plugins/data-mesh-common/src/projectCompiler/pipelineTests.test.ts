import { parseProjectFile } from '../project';
import { loadProject } from './loadProject';
import { formatProjectCompilerDiagnostic } from './positions';
import { helloWorldFiles, shopProject } from './__testUtils__/projects';
import type { ProjectCompilerDiagnostic } from './types';

const lines = (diagnostics: readonly ProjectCompilerDiagnostic[]) =>
  diagnostics.map(d => formatProjectCompilerDiagnostic(d));

const CLEAN_ORDERS_TESTS = `formatVersion: 1
name: CleanOrders
pipeline: CleanOrders
tests:
  - name: drops orders without an amount
    given:
      raw_orders:
        - { order_id: 1, amount: 10.5, status: OPEN }
        - { order_id: 2, amount: 0, status: OPEN }
    expect:
      node: cents
      rows:
        - { order_id: 1, amount_cents: 1050, status: open }
`;

function withTests(text: string, path = 'tests/CleanOrders.test.yaml') {
  return shopProject({ [path]: text });
}

function replaced(from: string, to: string) {
  if (!CLEAN_ORDERS_TESTS.includes(from)) throw new Error(`no "${from}"`);
  return withTests(CLEAN_ORDERS_TESTS.replace(from, to));
}

describe('test files', () => {
  it('parse with their subject, tests and scalar rows', () => {
    const { value, diagnostics } = parseProjectFile(
      'test',
      'tests/CleanOrders.test.yaml',
      CLEAN_ORDERS_TESTS,
    );
    expect(diagnostics).toEqual([]);
    expect(value?.pipeline).toBe('CleanOrders');
    expect(value?.tests[0].given?.raw_orders[0]).toEqual({
      order_id: 1,
      amount: 10.5,
      status: 'OPEN',
    });
  });

  it('reject a row value that is not a scalar', () => {
    const { value, diagnostics } = parseProjectFile(
      'test',
      'tests/CleanOrders.test.yaml',
      CLEAN_ORDERS_TESTS.replace('status: OPEN }', 'status: [OPEN] }'),
    );
    expect(value).toBeUndefined();
    expect(diagnostics.map(d => formatProjectCompilerDiagnostic(d))).toEqual([
      'tests/CleanOrders.test.yaml:8:48: error: expected a string, number, boolean or null, found a list (tests[0].given.raw_orders[0].status)',
    ]);
  });

  it('need exactly one subject and unique test names', () => {
    const none = parseProjectFile(
      'test',
      'tests/CleanOrders.test.yaml',
      CLEAN_ORDERS_TESTS.replace('pipeline: CleanOrders\n', ''),
    );
    expect(none.diagnostics.map(d => d.message)).toEqual([
      'a test file names what it tests: one of "pipeline", "subgraph" or "rule"',
    ]);
    const twice = parseProjectFile(
      'test',
      'tests/CleanOrders.test.yaml',
      CLEAN_ORDERS_TESTS.replace(
        'pipeline: CleanOrders\n',
        'pipeline: CleanOrders\nrule: Size\n',
      ).concat(
        '  - name: drops orders without an amount\n    expect:\n      rows: []\n',
      ),
    );
    expect(twice.diagnostics.map(d => [d.path, d.code])).toEqual([
      ['rule', 'invalid-value'],
      ['tests[1].name', 'duplicate-id'],
    ]);
  });
});

describe('loadProject with test files', () => {
  it('loads valid tests and exposes them on the project', () => {
    const loaded = loadProject(withTests(CLEAN_ORDERS_TESTS));
    expect(loaded.diagnostics).toEqual([]);
    expect([...loaded.tests.keys()]).toEqual(['CleanOrders']);
    expect(loaded.tests.get('CleanOrders')?.value.tests).toHaveLength(1);
  });

  it('points at an unknown pipeline and suggests the closest', () => {
    const { diagnostics } = loadProject(
      replaced('pipeline: CleanOrders', 'pipeline: CleanOrder'),
    );
    expect(lines(diagnostics)).toEqual([
      'tests/CleanOrders.test.yaml:3:11: error: no pipeline "CleanOrder" in the project (did you mean "CleanOrders"?) (pipeline)',
    ]);
  });

  it('points at an expected node the pipeline lacks', () => {
    const { diagnostics } = loadProject(replaced('node: cents', 'node: cent'));
    expect(lines(diagnostics)).toEqual([
      'tests/CleanOrders.test.yaml:11:13: error: pipeline "CleanOrders" has no node "cent" (did you mean "cents"?) (tests[0].expect.node)',
    ]);
  });

  it('points at a given dataset no Source reads, and at unknown columns', () => {
    const dataset = loadProject(replaced('raw_orders:', 'raw_order:'));
    expect(lines(dataset.diagnostics)).toEqual([
      'tests/CleanOrders.test.yaml:7:7: error: pipeline "CleanOrders" reads no dataset "raw_order" (did you mean "raw_orders"?); its Source gems read: raw_orders (tests[0].given.raw_order)',
    ]);
    const column = loadProject(replaced('{ order_id: 1,', '{ orderid: 1,'));
    expect(lines(column.diagnostics)).toEqual([
      'tests/CleanOrders.test.yaml:8:13: error: dataset "raw_orders" has no column "orderid" (did you mean "order_id"?) (tests[0].given.raw_orders[0].orderid)',
    ]);
  });

  it('needs expect.node when the pipeline has several Targets', () => {
    const files = helloWorldFiles().filter(f => !f.path.startsWith('tests/'));
    const { diagnostics } = loadProject([
      ...files,
      {
        path: 'tests/ComputeSales.test.yaml',
        text: `formatVersion: 1
name: ComputeSales
pipeline: ComputeSales
tests:
  - name: no orders
    expect:
      rows: []
`,
      },
    ]);
    expect(lines(diagnostics)).toEqual([
      'tests/ComputeSales.test.yaml:7:7: error: pipeline "ComputeSales" has 3 Targets (sales_lines_out, daily_out, totals_out): name the node to check in expect.node (tests[0].expect)',
    ]);
  });

  it('checks subgraph ports, rule inputs and parameters', () => {
    const files = helloWorldFiles().filter(f => !f.path.startsWith('tests/'));
    const { diagnostics } = loadProject([
      ...files,
      {
        path: 'tests/EnrichSales.test.yaml',
        text: `formatVersion: 1
name: EnrichSales
subgraph: EnrichSales
tests:
  - name: wrong port names
    given:
      order: []
    expect:
      node: enriched
      rows: []
`,
      },
      {
        path: 'tests/CommonSalesClassification.test.yaml',
        text: `formatVersion: 1
name: CommonSalesClassification
rule: CommonSalesClassification
tests:
  - name: wrong input
    given:
      input:
        - { sector: Education, size: Large }
    expect:
      rows: []
`,
      },
      {
        path: 'tests/account_length_days.test.yaml',
        text: `formatVersion: 1
name: account_length_days
pipeline: account_length_days
tests:
  - name: bad parameters
    parameters: { as_of_date: yesterday, as_of: "2026-01-01" }
    expect:
      rows: []
`,
      },
    ]);
    expect(lines(diagnostics)).toEqual([
      'tests/CommonSalesClassification.test.yaml:8:32: error: input "input" has no column "size" (tests[0].given.input[0].size)',
      'tests/EnrichSales.test.yaml:7:7: error: subgraph "EnrichSales" has no input "order" (did you mean "orders"?); its inputs: orders, order_lines, products (tests[0].given.order)',
      'tests/EnrichSales.test.yaml:9:13: error: subgraph "EnrichSales" has no output "enriched"; its outputs: enriched_lines (tests[0].expect.node)',
      'tests/account_length_days.test.yaml:6:31: error: parameter "as_of_date": "yesterday" is not a date (YYYY-MM-DD) (tests[0].parameters.as_of_date)',
      'tests/account_length_days.test.yaml:6:42: error: pipeline "account_length_days" has no parameter "as_of" (tests[0].parameters.as_of)',
    ]);
  });
});
