import { QuerySyntaxError } from './errors';
import { parseTableName, renderTableName } from './tableName';

describe('parseTableName', () => {
  it('reads one, two or three parts', () => {
    expect(parseTableName('totals')).toEqual({ name: 'totals' });
    expect(parseTableName('gold.totals')).toEqual({
      schema: 'gold',
      name: 'totals',
    });
    expect(parseTableName('main.gold.totals')).toEqual({
      catalog: 'main',
      schema: 'gold',
      name: 'totals',
    });
  });

  it.each(['', 'gold.', '.totals', 'a..b', 'a.b.c.d', 'gold. '])(
    "rejects '%s'",
    text => {
      expect(() => parseTableName(text)).toThrow(QuerySyntaxError);
    },
  );
});

describe('renderTableName', () => {
  it('quotes only the parts that need it, in each dialect', () => {
    const table = parseTableName('gold.order lines');

    expect(renderTableName(table, 'duckdb')).toBe('gold."order lines"');
    expect(renderTableName(table, 'spark')).toBe('gold.`order lines`');
  });
});
