/**
 * @jest-environment node
 */
import { PythonNames } from './names';
import {
  call,
  dict,
  pyComment,
  pyMultilineString,
  pyString,
  statement,
} from './python';
import { pythonStringValues } from './__testUtils__/python3';

const AWKWARD = [
  '',
  'plain',
  'it\'s "quoted"',
  'C:\\temp\\new',
  'ends with a quote"',
  'two "" and three """ and four """" quotes',
  '"""',
  'line one\nline two\r\n\ttabbed',
  'control \u0000 \u0007 \u001b \u007f',
  'unicode — é 😀 \u2028 separator',
  'lone \ud800 surrogate',
  '\\',
  '\\"',
];

describe('Python string literals', () => {
  it('read back as the same text, in double quotes', () => {
    const literals = AWKWARD.map(pyString);
    for (const literal of literals) expect(literal).not.toMatch(/[\n\r]/);
    expect(pythonStringValues(literals)).toEqual(AWKWARD);
  });

  it('read back as the same text, triple-quoted over several lines', () => {
    const literals = AWKWARD.map(pyMultilineString);
    expect(pythonStringValues(literals)).toEqual(AWKWARD);
    expect(pyMultilineString('SELECT "a"\nFROM t')).toBe(
      '"""SELECT "a"\nFROM t"""',
    );
  });
});

describe('Python comments', () => {
  it('stay on one line whatever the text', () => {
    expect(pyComment('Orders\nby day\u0000\r')).toBe('# Orders by day  ');
  });
});

describe('statement layout', () => {
  const chain = call(call('orders', 'where', 'x'), 'select', '"a"', '"b"');

  it('keeps a statement that fits on one line', () => {
    expect(statement('out = ', chain)).toEqual([
      '    out = orders.where(x).select("a", "b")',
    ]);
  });

  it('opens the last call, its arguments on one line when they fit', () => {
    const long = call('spark', 'table', '"t"');
    const args = Array.from({ length: 6 }, (_, i) => `"column_${i}"`);
    expect(statement('orders = ', call(long, 'select', ...args))).toEqual([
      '    orders = spark.table("t").select(',
      `        ${args.join(', ')}`,
      '    )',
    ]);
    const more = Array.from({ length: 12 }, (_, i) => `"column_${i}"`);
    expect(statement('orders = ', call(long, 'select', ...more))).toEqual([
      '    orders = spark.table("t").select(',
      ...more.map(a => `        ${a},`),
      '    )',
    ]);
  });

  it('writes a long fluent chain one call per line, in parentheses', () => {
    const long = 'x'.repeat(40);
    const fluent = call(
      call(call('df', 'where', long), 'drop', long),
      'limit',
      '1',
    );
    expect(statement('out = ', fluent)).toEqual([
      '    out = (',
      `        df.where(${long})`,
      `        .drop(${long})`,
      '        .limit(1)',
      '    )',
    ]);
  });

  it('writes a long dict one entry per line', () => {
    const long = `"${'x'.repeat(40)}"`;
    expect(
      statement(
        'return ',
        dict([
          ['"a"', long],
          ['"b"', long],
        ]),
      ),
    ).toEqual([
      '    return {',
      `        "a": ${long},`,
      `        "b": ${long},`,
      '    }',
    ]);
  });
});

describe('PythonNames', () => {
  it('keeps valid names and makes the others valid, without clashes', () => {
    const names = new PythonNames([
      'order-lines',
      'order_lines',
      'class',
      'sum',
      'spark',
      '2nd',
      'é',
      '__init__',
    ]);
    expect(
      [
        'order-lines',
        'order_lines',
        'class',
        'sum',
        'spark',
        '2nd',
        'é',
        '__init__',
      ].map(id => names.of(id)),
    ).toEqual([
      'order_lines_2',
      'order_lines',
      'class_',
      'sum_',
      'spark_',
      'n_2nd',
      'node',
      '__init___',
    ]);
    expect(names.fresh('order_lines')).toBe('order_lines_3');
  });

  it('names the same ids the same way every time', () => {
    const ids = ['a-b', 'a_b_2', 'a.b', 'a b'];
    const first = new PythonNames(ids);
    const second = new PythonNames(ids);
    expect(ids.map(id => first.of(id))).toEqual(ids.map(id => second.of(id)));
    expect(new Set(ids.map(id => first.of(id))).size).toBe(ids.length);
  });
});
