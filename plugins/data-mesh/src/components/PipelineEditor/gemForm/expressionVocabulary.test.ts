import { CompletionContext } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { parseSqlType } from '@meshwork/data-mesh-common';
import { repositoryStandardsSource } from '../__testUtils__/repositoryStandards';
import { editorStandardsLibrary } from '../editorStandards';
import {
  expressionColumns,
  expressionCompletionSource,
  expressionParameters,
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

describe('completion of standard functions and parameters', () => {
  const library = editorStandardsLibrary(repositoryStandardsSource('2026.2'))!;
  const source = expressionCompletionSource(
    [{ name: 'email', type: 'string' }],
    library.catalogue,
    expressionParameters([
      { name: 'run_date', type: 'date' },
      { name: 'region', type: 'string' },
      { type: 'string' },
    ]),
  );
  const at = (doc: string, explicit = false) =>
    source(
      new CompletionContext(EditorState.create({ doc }), doc.length, explicit),
    );

  it('lists the library’s functions with their signatures', () => {
    const result = at('normal');
    const normalize = result!.options.find(o => o.label === 'normalize_email');
    expect(normalize).toMatchObject({
      type: 'function',
      apply: 'normalize_email(',
      detail: 'normalize_email(email: string) → string',
    });
    expect(normalize?.info).toContain('(standards 2026.2)');
    expect(result!.options.map(o => o.label)).toContain('fiscal_quarter');
    // The built-ins stay.
    expect(result!.options.map(o => o.label)).toContain('upper');
  });

  it('lists only the built-ins without the library', () => {
    const labels = complete('normal')!.options.map(o => o.label);
    expect(labels).not.toContain('normalize_email');
  });

  it('offers the parameters after a colon, and only them', () => {
    const result = at('order_date = :');
    expect(result?.from).toBe(13);
    expect(result!.options).toEqual([
      { label: ':run_date', type: 'constant', detail: 'date' },
      { label: ':region', type: 'constant', detail: 'string' },
    ]);
    expect(at('order_date = :ru')?.from).toBe(13);
  });

  it('offers parameters among the words, and none after a cast', () => {
    const labels = at('', true)!.options.map(o => o.label);
    expect(labels.slice(0, 3)).toEqual(['email', ':run_date', ':region']);
    const cast = at('email::');
    expect(cast?.options.map(o => o.label) ?? []).not.toContain(':run_date');
  });
});
