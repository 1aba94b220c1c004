import { EditorView } from '@codemirror/view';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  CompilerDiagnostic,
  parseSqlType,
  PortSchema,
} from '@meshwork/data-mesh-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { EditorDiagnostic } from '../usePipelineEditor';
import { GemForm, GemFormNode } from './GemForm';

beforeAll(() => {
  const none = { x: 0, y: 0, width: 0, height: 0, top: 0, left: 0 };
  Range.prototype.getClientRects = () => [] as unknown as DOMRectList;
  Range.prototype.getBoundingClientRect = () =>
    ({ ...none, right: 0, bottom: 0 } as DOMRect);
});

function port(...columns: Array<[string, string]>): PortSchema {
  return {
    columns: columns.map(([name, type]) => ({
      name,
      type: parseSqlType(type),
    })),
  };
}

const names = {
  datasets: ['bronze_orders', 'silver_sales_lines'],
  subgraphs: ['EnrichSales'],
  rules: new Map([['CommonSalesClassification', ['sector', 'region']]]),
};

async function renderForm(options: {
  node: GemFormNode;
  index?: number;
  inputs?: Record<string, PortSchema>;
  diagnostics?: EditorDiagnostic[];
  problems?: CompilerDiagnostic[];
  readOnly?: boolean;
}) {
  const onChange = jest.fn();
  await renderInTestApp(
    <GemForm
      node={options.node}
      index={options.index ?? 0}
      inputs={options.inputs ?? { in: port(['amount', 'decimal(18,2)']) }}
      names={names}
      diagnostics={options.diagnostics ?? []}
      problems={options.problems ?? []}
      readOnly={options.readOnly ?? false}
      onChange={onChange}
    />,
  );
  return onChange;
}

/** The CodeMirror view of the expression field labelled `label`. */
function expressionEditor(label: string): EditorView {
  const content = screen.getByRole('textbox', { name: label });
  const view = EditorView.findFromDOM(content);
  if (!view) throw new Error(`no editor for ${label}`);
  return view;
}

describe('GemForm', () => {
  it('edits a Filter condition in the expression editor', async () => {
    const onChange = await renderForm({
      node: {
        id: 'completed',
        type: 'Filter',
        label: 'Completed',
        config: { condition: "status = 'completed'" },
      },
    });
    const view = expressionEditor('condition');
    expect(view.state.doc.toString()).toBe("status = 'completed'");
    view.dispatch({
      changes: { from: view.state.doc.length, insert: ' AND amount > 0' },
    });
    expect(onChange).toHaveBeenLastCalledWith({
      label: 'Completed',
      config: { condition: "status = 'completed' AND amount > 0" },
    });

    await userEvent.type(screen.getByRole('textbox', { name: 'label' }), 's');
    expect(onChange).toHaveBeenLastCalledWith({
      label: 'Completeds',
      config: { condition: "status = 'completed'" },
    });
  });

  it('shows the compiler’s problems at their column inside the expression', async () => {
    await renderForm({
      index: 2,
      node: {
        id: 'f',
        type: 'Filter',
        config: { condition: 'amount > 0 AND statuz = 1' },
      },
      problems: [
        {
          severity: 'error',
          code: 'invalid-expression',
          message: 'unknown column "statuz"',
          nodeId: 'f',
          path: ['nodes', 2, 'config', 'condition'],
          expression: {
            offset: 15,
            length: 6,
            line: 1,
            column: 16,
            code: 'unknown-column',
            suggestions: ['status'],
          },
        },
      ],
    });
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Column 16: unknown column "statuz"',
    );
  });

  it('places a syntax error of the file inside the expression', async () => {
    await renderForm({
      index: 1,
      node: { id: 'f', type: 'Filter', config: { condition: 'amount >' } },
      diagnostics: [
        {
          path: 'nodes[1].config.condition',
          line: 9,
          column: 26,
          endLine: 9,
          endColumn: 26,
          severity: 'error',
          message: 'invalid expression: expected an expression',
        },
      ],
    });
    expect(screen.getByRole('alert')).toHaveTextContent(
      /^Column 9: invalid expression/,
    );
  });

  it('picks a Mask column from the columns arriving at the gem', async () => {
    const onChange = await renderForm({
      node: {
        id: 'mask',
        type: 'Mask',
        config: { column: 'email', method: 'hash' },
      },
      inputs: { in: port(['customer_id', 'bigint'], ['email', 'string']) },
    });
    await userEvent.click(screen.getByRole('button', { name: /^column/ }));
    const options = within(screen.getByRole('listbox')).getAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual(['customer_id', 'email']);
    await userEvent.click(screen.getByRole('option', { name: 'customer_id' }));
    expect(onChange).toHaveBeenLastCalledWith({
      label: undefined,
      config: { column: 'customer_id', method: 'hash' },
    });
  });

  it('offers the project’s datasets and builds a list of merge keys', async () => {
    const onChange = await renderForm({
      node: {
        id: 'out',
        type: 'Target',
        config: { dataset: 'silver_sales_lines', mode: 'merge' },
      },
      inputs: { in: port(['order_id', 'bigint']) },
    });
    await userEvent.click(screen.getByRole('button', { name: /^dataset/ }));
    expect(
      within(screen.getByRole('listbox'))
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['None', 'bronze_orders', 'silver_sales_lines']);
    await userEvent.keyboard('{Escape}');

    await userEvent.click(
      screen.getByRole('button', { name: 'Add to mergeKeys' }),
    );
    expect(onChange).toHaveBeenLastCalledWith({
      label: undefined,
      config: { dataset: 'silver_sales_lines', mode: 'merge', mergeKeys: [''] },
    });
  });

  it('asks for each input of the business rule', async () => {
    await renderForm({
      node: {
        id: 'segment',
        type: 'BusinessRule',
        config: {
          rule: 'CommonSalesClassification',
          outputColumn: 'segment',
          bindings: { sector: 'industry' },
        },
      },
    });
    const bindings = screen.getByRole('group', { name: 'bindings' });
    expect(
      within(bindings).getByRole('textbox', { name: 'sector' }),
    ).toBeInTheDocument();
    expect(
      within(bindings).getByRole('textbox', { name: 'region' }),
    ).toBeInTheDocument();
    expect(expressionEditor('sector').state.doc.toString()).toBe('industry');
  });

  it('shows problems of the gem as a whole, and is read-only for readers', async () => {
    await renderForm({
      node: {
        id: 'src',
        type: 'Source',
        config: { dataset: 'bronze_orders', table: 'x.y' },
      },
      diagnostics: [
        {
          path: 'nodes[0].config',
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 9,
          severity: 'error',
          message: 'set exactly one of "dataset" or "table"',
        },
      ],
      readOnly: true,
    });
    expect(screen.getByRole('alert')).toHaveTextContent(
      'set exactly one of "dataset" or "table"',
    );
    expect(screen.queryByRole('button', { name: /^Add to/ })).toBeNull();
    expect(screen.getByRole('textbox', { name: 'table' })).toHaveAttribute(
      'readonly',
    );
  });

  it('says so for a gem type the format does not know', async () => {
    await renderForm({ node: { id: 'x', type: 'Teleport', config: {} } });
    expect(screen.getByRole('alert')).toHaveTextContent(
      '"Teleport" is not a gem type',
    );
  });
});
