/**
 * @jest-environment node
 */
import fs from 'fs';
import path from 'path';
import { defaultFunctionCatalogue } from './functions/catalogue';
import { functionCatalogueMarkdown } from './functions/catalogueMarkdown';

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
});
