import { EditorView } from '@codemirror/view';
import { ResponseError } from '@backstage/errors';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import fs from 'node:fs';
import path from 'node:path';
import type {
  DataMeshApi,
  PipelineHistory,
  PipelineSource,
  PreviewResponse,
} from '../../api';
import { dataMeshApiRef } from '../../api';
import { stubReactFlowMeasurements } from '../__testUtils__/stubReactFlowMeasurements';
import { PALETTE_DRAG_TYPE } from './GemPalette';
import { PipelineEditor } from './PipelineEditorPage';

beforeAll(() => {
  stubReactFlowMeasurements();
  // CodeMirror measures text ranges; jsdom's ranges have no layout.
  const none = { x: 0, y: 0, width: 0, height: 0, top: 0, left: 0 };
  Range.prototype.getClientRects = () => [] as unknown as DOMRectList;
  Range.prototype.getBoundingClientRect = () =>
    ({ ...none, right: 0, bottom: 0 } as DOMRect);
});

const slowly = { timeout: 10_000 };
const FILE = 'pipelines/ComputeSales.pipeline.yaml';
const ORIGINAL = fs.readFileSync(
  path.resolve(__dirname, '../../../../../examples/hello-world', FILE),
  'utf8',
);
const HELLO_WORLD = path.resolve(
  __dirname,
  '../../../../../examples/hello-world',
);
/** Hello World's source files, as the server sends them with the pipeline. */
const PROJECT_FILES = [
  'meshwork.yaml',
  'datasets',
  'pipelines',
  'rules',
  'subgraphs',
  'jobs',
]
  .flatMap(entry => {
    const at = path.join(HELLO_WORLD, entry);
    return fs.statSync(at).isDirectory()
      ? fs.readdirSync(at).map(name => `${entry}/${name}`)
      : [entry];
  })
  .map(file => ({
    path: file,
    text: fs.readFileSync(path.join(HELLO_WORLD, file), 'utf8'),
  }));
const CONDITION = "condition: order_status = 'completed'";
const BASE = 'a'.repeat(40);
const THEIRS = 'b'.repeat(40);
const MINE = 'c'.repeat(40);

function source(overrides: Partial<PipelineSource> = {}): PipelineSource {
  return {
    project: 'hello-world',
    pipeline: 'ComputeSales',
    path: FILE,
    branch: 'meshwork/sam/ComputeSales',
    branchExists: false,
    pullRequests: false,
    commit: BASE,
    text: ORIGINAL,
    defaultBranch: { name: 'main', commit: BASE, text: ORIGINAL },
    diagnostics: [],
    projectFiles: PROJECT_FILES,
    canEdit: true,
    ...overrides,
  };
}

const history: PipelineHistory = {
  branch: 'meshwork/sam/ComputeSales',
  ref: 'main',
  commits: [
    {
      commit: BASE,
      parents: ['d'.repeat(40)],
      message: 'Hello World project\n',
      author: { name: 'Priya Platform', email: 'priya@acme.example' },
      authoredAt: '2026-12-01T10:00:00.000Z',
      changedPaths: [FILE],
      onDefaultBranch: true,
    },
  ],
};

const preview: PreviewResponse = {
  node: 'completed_lines',
  columns: [
    { name: 'order_id', type: 'bigint', pii: false, masked: false },
    { name: 'customer_email', type: 'string', pii: true, masked: true },
  ],
  rows: [
    [1001, null],
    [1002, null],
  ],
  truncated: false,
  timing: { compileMs: 1, queryMs: 5, totalMs: 7 },
  engine: 'duckdb',
  estimatedCost: { dbus: 0.0021, basis: 'last-runs', estimated: true },
};

async function responseError(status: number, body: object) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'Error', message: 'refused' },
        response: { statusCode: status },
        ...body,
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

function fakeApi(overrides: Partial<DataMeshApi> = {}) {
  return {
    getPipelineSource: jest.fn(async () => source()),
    getPipelineDraft: jest.fn(async () => undefined),
    listPipelineCommits: jest.fn(async () => history),
    savePipelineDraft: jest.fn(async (_p, _pl, draft) => ({
      project: 'hello-world',
      pipeline: 'ComputeSales',
      ...draft,
      updatedAt: '2026-12-06T10:00:00.000Z',
    })),
    preview: jest.fn(async () => preview),
    ...overrides,
  } satisfies Partial<DataMeshApi>;
}

function render(api: Partial<DataMeshApi>) {
  return renderInTestApp(
    <PipelineEditor project="hello-world" pipeline="ComputeSales" />,
    { apis: [[dataMeshApiRef, api]] },
  );
}

/** The CodeMirror view of the pipeline file, to type into. */
async function fileEditor(): Promise<EditorView> {
  const content = await screen.findByRole(
    'textbox',
    { name: 'Pipeline file' },
    slowly,
  );
  return EditorView.findFromDOM(content)!;
}

function replaceText(view: EditorView, text: string) {
  act(() => {
    view.dispatch({
      changes: { from: 0, to: view.state.doc.length, insert: text },
    });
  });
}

describe('PipelineEditor', () => {
  it('shows the owning team the canvas, the file, the commit form and the history', async () => {
    const api = fakeApi();
    await render(api);

    expect(
      await screen.findByRole(
        'button',
        { name: 'Filter Completed orders' },
        slowly,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Target Silver sales lines' }),
    ).toBeInTheDocument();
    expect((await fileEditor()).state.doc.toString()).toBe(ORIGINAL);
    expect(
      screen.getByRole('button', {
        name: 'Commit to meshwork/sam/ComputeSales',
      }),
    ).toBeDisabled();
    expect(screen.getByText('No changes to commit.')).toBeInTheDocument();
    expect(
      await screen.findByRole(
        'button',
        { name: `Revert ${BASE.slice(0, 8)}` },
        slowly,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Hello World project')).toBeInTheDocument();
    expect(api.getPipelineDraft).toHaveBeenCalledWith(
      'hello-world',
      'ComputeSales',
    );
  });

  it('opens read-only for another team: no commit form, no revert, no draft', async () => {
    const api = fakeApi({
      getPipelineSource: jest.fn(async () =>
        source({ canEdit: false, branch: 'meshwork/fiona/ComputeSales' }),
      ),
    });
    await render(api);

    expect(
      await screen.findByText('Read only', {}, slowly),
    ).toBeInTheDocument();
    expect((await fileEditor()).state.facet(EditorView.editable)).toBe(false);
    expect(
      await screen.findByText('Hello World project', {}, slowly),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Commit to/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Revert/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Add gem' }),
    ).not.toBeInTheDocument();
    expect(api.getPipelineDraft).not.toHaveBeenCalled();
  });

  it('previews the selected gem with the edits applied, PII masked', async () => {
    const api = fakeApi();
    await render(api);

    await userEvent.click(
      await screen.findByRole(
        'button',
        { name: 'Filter Completed orders' },
        slowly,
      ),
    );
    expect(
      await screen.findByText('Data after completed_lines', {}, slowly),
    ).toBeInTheDocument();
    expect(api.preview).toHaveBeenCalledWith(
      expect.objectContaining({
        project: 'hello-world',
        nodeId: 'completed_lines',
        pipeline: expect.objectContaining({ name: 'ComputeSales' }),
      }),
      expect.objectContaining({ signal: expect.any(AbortSignal) }),
    );
    expect(
      screen.getByText(/2 rows · 2 columns · 7 ms on duckdb/),
    ).toBeInTheDocument();
    expect(
      screen.getByTitle('customer_email is personal data, masked for you'),
    ).toBeInTheDocument();
  });

  it('marks a broken file at its line and column, keeps the text, and commits nothing', async () => {
    const api = fakeApi();
    await render(api);
    const view = await fileEditor();
    replaceText(view, ORIGINAL.replace('nodes:', 'nodes: ['));

    const problems = await screen.findByRole(
      'list',
      { name: 'Problems' },
      slowly,
    );
    expect(
      within(problems).getAllByText(/^\d+:\d+ error: /).length,
    ).toBeGreaterThan(0);
    expect(
      screen.getByText(/The pipeline file does not parse/),
    ).toBeInTheDocument();
    expect(view.state.doc.toString()).toContain('nodes: [');
  });

  it('marks an invalid expression at its column as it is typed', async () => {
    const line = ORIGINAL.split('\n').findIndex(l => l.includes(CONDITION)) + 1;
    const api = fakeApi();
    await render(api);
    replaceText(
      await fileEditor(),
      ORIGINAL.replace(CONDITION, 'condition: order_status = = 1'),
    );

    const problems = await screen.findByRole(
      'list',
      { name: 'Problems' },
      slowly,
    );
    const [problem] = within(problems).getAllByText(/error: /);
    expect(problem.textContent).toMatch(new RegExp(`^${line}:(\\d+) error: `));
    const column = Number(/^\d+:(\d+)/.exec(problem.textContent!)![1]);
    expect(column).toBeGreaterThan(ORIGINAL.split('\n')[line - 1].indexOf('='));
    expect(
      screen.getByRole('button', { name: /^Filter Completed orders: / }),
    ).toBeInTheDocument();
  });

  it('shows the diagnostics of a refused save where they are', async () => {
    const line = ORIGINAL.split('\n').findIndex(l => l.includes(CONDITION)) + 1;
    const api = fakeApi({
      commitPipeline: jest.fn(async () => {
        throw await responseError(400, {
          diagnostics: [
            {
              file: FILE,
              line,
              column: 18,
              endLine: line,
              endColumn: 24,
              path: 'nodes[4].config.condition',
              message: 'invalid expression: unexpected =',
              severity: 'error',
              code: 'invalid-expression',
            },
          ],
        });
      }),
    });
    await render(api);
    const view = await fileEditor();
    replaceText(
      view,
      ORIGINAL.replace(CONDITION, 'condition: order_status = = 1'),
    );
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Commit message' }),
      'Stricter filter',
    );
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Commit to meshwork/sam/ComputeSales',
      }),
    );

    expect(
      await screen.findByText(
        `${line}:18 error: invalid expression: unexpected =`,
        {},
        slowly,
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Nothing was committed: the pipeline has errors',
    );
    expect(
      screen.getByRole('button', {
        name: 'Filter Completed orders: invalid expression: unexpected =',
      }),
    ).toBeInTheDocument();
  });

  it('merges a save from a stale base, and commits both edits on the newer base', async () => {
    const theirs = ORIGINAL.replace('label: Orders', 'label: All orders');
    const mine = ORIGINAL.replace(
      CONDITION,
      "condition: order_status = 'shipped'",
    );
    const commitPipeline = jest
      .fn()
      .mockImplementationOnce(async () => {
        throw await responseError(409, {
          conflict: {
            path: FILE,
            base: { commit: BASE, text: ORIGINAL },
            theirs: { commit: THEIRS, text: theirs },
            yours: { text: mine },
          },
        });
      })
      .mockImplementationOnce(async () => ({
        commit: MINE,
        branch: 'meshwork/sam/ComputeSales',
        parent: THEIRS,
        changedPaths: [FILE, 'generated/sql/ComputeSales.sql'],
      }));
    const api = fakeApi({ commitPipeline });
    await render(api);
    replaceText(await fileEditor(), mine);
    const message = screen.getByRole('textbox', { name: 'Commit message' });
    await userEvent.type(message, 'Shipped only');
    const commit = screen.getByRole('button', {
      name: 'Commit to meshwork/sam/ComputeSales',
    });
    await userEvent.click(commit);

    const merge = await screen.findByRole('region', { name: 'Merge' }, slowly);
    expect(
      within(merge).getByText(/touch different lines and merge cleanly/),
    ).toBeInTheDocument();
    expect(commit).toBeDisabled();
    await userEvent.click(
      within(merge).getByRole('button', { name: 'Use the merge' }),
    );
    expect(screen.queryByRole('region', { name: 'Merge' })).toBeNull();
    await userEvent.click(commit);

    await waitFor(() => expect(commitPipeline).toHaveBeenCalledTimes(2));
    const [, , request] = commitPipeline.mock.calls[1];
    expect(request.baseCommit).toBe(THEIRS);
    expect(request.text).toContain('label: All orders');
    expect(request.text).toContain("condition: order_status = 'shipped'");
    expect(
      await screen.findByText(
        `Committed ${MINE.slice(0, 8)} to meshwork/sam/ComputeSales: 2 files`,
        {},
        slowly,
      ),
    ).toBeInTheDocument();
  });

  it('opens a pull request of the branch where the project is on GitHub', async () => {
    const openPipelinePullRequest = jest
      .fn()
      .mockImplementationOnce(async () => {
        throw await responseError(409, {
          error: {
            name: 'ConflictError',
            message: 'No commits between main and the branch',
          },
        });
      })
      .mockImplementationOnce(async () => ({
        number: 7,
        url: 'https://github.example.com/acme/sales/pull/7',
        created: true,
      }));
    const api = fakeApi({
      getPipelineSource: jest.fn(async () =>
        source({ branchExists: true, pullRequests: true }),
      ),
      openPipelinePullRequest,
    });
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Open pull request' }, slowly),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Pull request of meshwork/sam/ComputeSales into main',
    });
    const title = within(dialog).getByRole('textbox', { name: /^Title/ });
    expect(title).toHaveValue('Edit the pipeline ComputeSales');
    await userEvent.clear(title);
    expect(
      within(dialog).getByRole('button', { name: 'Open pull request' }),
    ).toBeDisabled();
    await userEvent.type(title, 'Only shipped orders');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Open pull request' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'No commits between main and the branch',
    );

    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Description' }),
      'Reviewed by sofia',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Open pull request' }),
    );
    const link = await screen.findByRole('link', { name: /Pull request #7/ });
    expect(link).toHaveAttribute(
      'href',
      'https://github.example.com/acme/sales/pull/7',
    );
    expect(openPipelinePullRequest).toHaveBeenLastCalledWith(
      'hello-world',
      'ComputeSales',
      { title: 'Only shipped orders', body: 'Reviewed by sofia' },
    );
  });

  it('offers no pull request for a local repository, nor before the first commit', async () => {
    await render(
      fakeApi({
        getPipelineSource: jest.fn(async () => source({ branchExists: true })),
      }),
    );
    await screen.findByRole('button', { name: /^Commit to/ }, slowly);
    expect(
      screen.queryByRole('button', { name: 'Open pull request' }),
    ).toBeNull();
  });

  it('edits the selected gem in its form, checked with the whole project', async () => {
    await render(fakeApi());
    const view = await fileEditor();
    await userEvent.click(
      screen.getByRole('button', { name: 'Filter Completed orders' }),
    );
    const form = await screen.findByRole(
      'form',
      { name: 'Gem completed_lines' },
      slowly,
    );
    const condition = EditorView.findFromDOM(
      within(form).getByRole('textbox', { name: 'condition' }),
    )!;
    expect(condition.state.doc.toString()).toBe("order_status = 'completed'");

    // A column the gem's input does not have: found by the project check,
    // shown inside the expression and on the canvas.
    act(() => {
      condition.dispatch({
        changes: { from: 0, to: 12, insert: 'order_statuz' },
      });
    });
    expect(view.state.doc.toString()).toContain(
      "condition: order_statuz = 'completed'",
    );
    expect(
      await within(form).findByRole('alert', {}, slowly),
    ).toHaveTextContent(/^Column 1: .*order_statuz/);
    expect(
      screen.getByRole('button', { name: /^Filter Completed orders: / }),
    ).toBeInTheDocument();

    act(() => {
      condition.dispatch({
        changes: { from: 0, to: 12, insert: 'order_status' },
      });
    });
    expect(view.state.doc.toString()).toBe(ORIGINAL);
    await waitFor(() => expect(within(form).queryByRole('alert')).toBeNull());
    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(view.state.doc.toString()).toContain('order_statuz');
  });

  it('shows the code the draft generates against the last commit', async () => {
    await render(fakeApi());
    const view = await fileEditor();
    await userEvent.click(
      screen.getByRole('button', { name: /^Generated code/ }),
    );
    expect(
      await screen.findByText('Unchanged from the last commit.', {}, slowly),
    ).toBeInTheDocument();

    replaceText(
      view,
      ORIGINAL.replace(CONDITION, "condition: order_status = 'shipped'"),
    );
    expect(
      await screen.findByText(
        /^\d+ lines added, \d+ removed against the last commit\.$/,
        {},
        slowly,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByLabelText(
        'Generated generated/sql/ComputeSales.sql, draft against last commit',
      ),
    ).toHaveTextContent("+ WHERE order_status = 'shipped'");
    await userEvent.click(
      screen.getByRole('tab', { name: /^generated\/python\/ComputeSales\.py/ }),
    );
    expect(
      screen.getByLabelText(
        'Generated generated/python/ComputeSales.py, draft against last commit',
      ),
    ).toHaveTextContent("order_status = 'shipped'");
  });

  it('names the consumers of a dataset the draft stops writing, before the commit', async () => {
    const listSubscriptions = jest.fn(async () => ({
      items: [{ team: 'group:default/finance-insights' }],
    }));
    const getProject = jest.fn(async () => ({
      datasets: [
        {
          name: 'silver_sales_lines',
          entityRef: 'dataproduct:default/silver-sales-lines',
        },
      ],
    }));
    await render(
      fakeApi({
        listSubscriptions,
        getProject,
      } as unknown as Partial<DataMeshApi>),
    );
    await fileEditor();
    expect(
      screen.queryByRole('region', { name: 'Consumers this commit affects' }),
    ).toBeNull();
    await userEvent.click(
      screen.getByRole('button', { name: 'Target Silver sales lines' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    const impact = await screen.findByRole(
      'region',
      { name: 'Consumers this commit affects' },
      slowly,
    );
    expect(
      await within(impact).findByText(
        'silver_sales_lines is no longer written by this pipeline, so it goes stale. Subscribed: group:default/finance-insights.',
        {},
        slowly,
      ),
    ).toBeInTheDocument();
    expect(listSubscriptions).toHaveBeenCalledWith({
      product: 'dataproduct:default/silver-sales-lines',
      state: 'approved',
    });
  });

  it('opens a subgraph in place, read-only, and goes back to the pipeline', async () => {
    await render(fakeApi());
    await fileEditor();
    await userEvent.click(
      screen.getByRole('button', { name: 'Subgraph EnrichSales' }),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Open subgraph' }, slowly),
    );
    const trail = screen.getByRole('navigation', { name: 'Opened subgraphs' });
    expect(trail).toHaveTextContent('enrich (subgraph EnrichSales)');
    expect(
      await screen.findByRole('button', { name: /^Join lines_with_orders/ }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Input Subgraph inputs' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add gem' })).toBeNull();

    await userEvent.click(
      screen.getByRole('button', { name: /^Join lines_with_orders/ }),
    );
    const form = await screen.findByRole('form', {
      name: 'Gem lines_with_orders',
    });
    expect(
      within(form).getByRole('textbox', { name: 'label' }),
    ).toHaveAttribute('readonly');
    expect(within(form).queryByRole('button', { name: /^Add to/ })).toBeNull();

    await userEvent.click(
      within(trail).getByRole('button', { name: 'Back to ComputeSales' }),
    );
    expect(
      await screen.findByRole('button', { name: 'Add gem' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Subgraph EnrichSales' }),
    ).toBeInTheDocument();
  });

  it('adds gems from the palette: dragged onto the canvas, or a platform standard clicked', async () => {
    await render(fakeApi());
    const view = await fileEditor();
    const palette = screen.getByRole('toolbar', { name: 'Gem palette' });
    const standards = within(palette).getByRole('group', {
      name: 'Platform standards',
    });
    await userEvent.click(
      within(standards).getByRole('button', { name: 'Add EnrichSales' }),
    );
    expect(view.state.doc.toString()).toMatch(
      /- id: subgraph_1\n {4}type: Subgraph\n {4}label: EnrichSales\n.*\n {4}config:\n {6}subgraph: EnrichSales\n/,
    );
    expect(
      within(palette).getByRole('button', {
        name: 'Add CommonSalesClassification',
      }),
    ).toBeInTheDocument();

    const dataTransfer = {
      types: [PALETTE_DRAG_TYPE],
      getData: (type: string) =>
        type === PALETTE_DRAG_TYPE ? JSON.stringify({ type: 'Limit' }) : '',
      dropEffect: 'none',
    };
    const canvas = screen.getByLabelText('Pipeline canvas');
    fireEvent.dragOver(canvas, { dataTransfer });
    fireEvent.drop(canvas, { dataTransfer, clientX: 400, clientY: 300 });
    expect(view.state.doc.toString()).toMatch(
      /- id: limit_1\n {4}type: Limit\n {4}label: Limit\n {4}position: \{ x: -?\d+, y: -?\d+ \}/,
    );
  });

  it('adds, deletes, copies and pastes gems on the canvas, with undo and redo', async () => {
    await render(fakeApi());
    const view = await fileEditor();
    const file = () => view.state.doc.toString();

    await userEvent.click(screen.getByRole('button', { name: 'Add gem' }));
    await userEvent.click(
      await screen.findByRole('menuitem', { name: 'Filter' }, slowly),
    );
    expect(file()).toContain('- id: filter_1');
    expect(
      await screen.findByRole('button', { name: /^Filter Filter/ }, slowly),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(file()).toBe(ORIGINAL);
    await userEvent.click(screen.getByRole('button', { name: 'Redo' }));
    expect(file()).toContain('- id: filter_1');

    await userEvent.click(
      screen.getByRole('button', { name: 'Target Silver sales lines' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(file()).not.toContain('- id: sales_lines_out');
    expect(file()).not.toContain('node: sales_lines_out');

    await userEvent.click(
      screen.getByRole('button', { name: 'Aggregate Per day and currency' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await userEvent.click(screen.getByRole('button', { name: 'Paste' }));
    expect(file()).toContain('- id: aggregate_1');
    const aggregates = await screen.findAllByRole(
      'button',
      { name: /^Aggregate Per day and currency/ },
      slowly,
    );
    expect(aggregates).toHaveLength(2);
    // The copy has no input yet: the check of the whole project marks it.
    expect(aggregates[1]).toHaveAccessibleName(
      expect.stringMatching(/^Aggregate Per day and currency: .*in/),
    );
  });

  it("restores the user's draft and autosaves edits", async () => {
    const draftText = ORIGINAL.replace('label: Orders', 'label: Drafted');
    const api = fakeApi({
      getPipelineDraft: jest.fn(async () => ({
        project: 'hello-world',
        pipeline: 'ComputeSales',
        baseCommit: BASE,
        text: draftText,
        updatedAt: '2026-12-05T09:00:00.000Z',
      })),
    });
    await render(api);
    const view = await fileEditor();
    expect(view.state.doc.toString()).toBe(draftText);
    expect(screen.getByText(/uncommitted draft of/)).toBeInTheDocument();

    replaceText(view, draftText.replace('Drafted', 'Drafted twice'));
    await waitFor(
      () =>
        expect(api.savePipelineDraft).toHaveBeenCalledWith(
          'hello-world',
          'ComputeSales',
          {
            text: expect.stringContaining('label: Drafted twice'),
            baseCommit: BASE,
          },
        ),
      slowly,
    );
  });
});
