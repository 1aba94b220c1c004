import { CompletionContext } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { parseSqlType } from '@meshwork/data-mesh-common';
import {
  expressionColumns,
  expressionCompletionSource,
} from './expressionVocabulary';

const port = (...names: string[]) => ({
  columns: names.map(name => ({ name, type: parseSqlType('string') })),
});

function complete(doc: string, explicit = false) {
  const source = expressionCompletionSource([
    { name: 'order_status', type: 'string' },
    { name: 'order_date', type: 'date' },
  ]);
  const state = EditorState.create({ doc });
  return source(new CompletionContext(state, doc.length, explicit));
}

describe('expressionColumns', () => {
  it('lists the columns of the input once each, with their types', () => {
    expect(expressionColumns('Filter', {}, { in: port('a', 'b') })).toEqual([
      { name: 'a', type: 'string' },
      { name: 'b', type: 'string' },
    ]);
  });

  it('qualifies a Join’s columns with the alias of their input', () => {
    const config = { inputs: [{ alias: 'o' }, { alias: 'c' }] };
    expect(
      expressionColumns('Join', config, {
        in0: port('customer_id'),
        in1: port('customer_id', 'name'),
      }).map(c => c.name),
    ).toEqual(['o.customer_id', 'c.customer_id', 'c.name']);
  });
});

describe('expressionCompletionSource', () => {
  it('completes columns and catalogue functions from the word typed', () => {
    const result = complete('upper(order');
    expect(result?.from).toBe(6);
    const labels = result!.options.map(o => o.label);
    expect(labels.slice(0, 2)).toEqual(['order_status', 'order_date']);
    const upper = result!.options.find(o => o.label === 'upper');
    expect(upper).toMatchObject({ type: 'function', apply: 'upper(' });
    expect(upper?.detail).toMatch(/^upper\(/);
    expect(labels).toContain('date_format');
  });

  it('offers nothing after a space unless asked', () => {
    expect(complete('amount > ')).toBeNull();
    expect(complete('amount > ', true)?.from).toBe(9);
  });
});
