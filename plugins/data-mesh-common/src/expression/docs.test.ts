/**
 * @jest-environment node
 */
import fs from 'fs';
import path from 'path';
import { defaultFunctionCatalogue } from './functions/catalogue';
import { functionCatalogueMarkdown } from './functions/catalogueMarkdown';
import { SPARK_BUILTIN_FUNCTIONS } from './functions/sparkBuiltinFunctions';

const DOC = path.resolve(__dirname, '../../../../docs/expressions.md');
const START = '<!-- function-catalogue:start -->';
const END = '<!-- function-catalogue:end -->';

/** Where the generated part of the doc lies, between its markers. */
function catalogueSection(doc: string): { start: number; end: number } {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start)
    throw new Error(`${DOC} lacks the ${START} … ${END} markers`);
  return { start: start + START.length, end };
}

describe('docs/expressions.md', () => {
  // Blank lines around the table keep Prettier from reformatting the doc.
  const generated = `\n<!-- prettier-ignore-start -->\n${functionCatalogueMarkdown()}\n<!-- prettier-ignore-end -->\n\n`;

  // Regenerate with: UPDATE_EXPRESSION_DOCS=1 yarn backstage-cli package test src/expression/docs
  if (process.env.UPDATE_EXPRESSION_DOCS) {
    const current = fs.readFileSync(DOC, 'utf8');
    const { start, end } = catalogueSection(current);
    fs.writeFileSync(
      DOC,
      current.slice(0, start) + generated + current.slice(end),
    );
  }

  const doc = fs.readFileSync(DOC, 'utf8');
  const section = () => {
    const { start, end } = catalogueSection(doc);
    return doc.slice(start, end);
  };

  it('lists every function of the catalogue under each of its names', () => {
    const table = section();
    const missing = defaultFunctionCatalogue.functions
      .flatMap(f => [f.name, ...(f.aliases ?? [])])
      .filter(name => !table.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });

  it('embeds the table generated from the current catalogue', () => {
    expect(section()).toBe(generated);
  });

  describe('Not supported', () => {
    const notSupported = () => {
      const start = doc.indexOf('\n## Not supported\n');
      const end = doc.indexOf('\n## ', start + 1);
      if (start < 0 || end < 0)
        throw new Error(`${DOC} lacks "## Not supported"`);
      // The names are the list lines under each reason: "  `a`, `b`."
      const lists = doc
        .slice(start, end)
        .split('\n')
        .filter(line => line.startsWith('  `'))
        .join(' ');
      const names = lists.match(/`[a-z_0-9]+`/g) ?? [];
      return new Set(names.map(name => name.slice(1, -1)));
    };
    const spark = Object.values(SPARK_BUILTIN_FUNCTIONS).flat();
    const inCatalogue = (name: string) =>
      defaultFunctionCatalogue.lookup(name) !== undefined;

    it('lists every Spark built-in the catalogue does not have', () => {
      const listed = notSupported();
      expect(
        spark.filter(name => !inCatalogue(name) && !listed.has(name)),
      ).toEqual([]);
    });

    it('lists none that the catalogue has', () => {
      const listed = notSupported();
      expect(
        spark.filter(name => inCatalogue(name) && listed.has(name)),
      ).toEqual([]);
    });
  });
});
