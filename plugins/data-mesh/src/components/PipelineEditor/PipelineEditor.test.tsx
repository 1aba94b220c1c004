import { EditorView } from '@codemirror/view';
import { ResponseError } from '@backstage/errors';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { act, screen, waitFor, within } from '@testing-library/react';
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
    commit: BASE,
    text: ORIGINAL,
    defaultBranch: { name: 'main', commit: BASE, text: ORIGINAL },
    diagnostics: [],
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
      await screen.findByRole('button', { name: 'Filter Filter' }, slowly),
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
    expect(
      await screen.findAllByRole(
        'button',
        { name: 'Aggregate Per day and currency' },
        slowly,
      ),
    ).toHaveLength(2);
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
