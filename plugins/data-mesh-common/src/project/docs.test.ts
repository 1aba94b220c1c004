/**
 * @jest-environment node
 */
import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { ProjectFileKind } from './fileKinds';
import { gemReferenceMarkdown } from './gemReference';
import { parseProjectFile } from './parse';

const DOC = path.resolve(__dirname, '../../../../docs/pipeline-format.md');
const START = '<!-- gem-reference:start -->';
const END = '<!-- gem-reference:end -->';

describe('docs/pipeline-format.md', () => {
  // Blank lines around the tables keep Prettier from reformatting them.
  const generated = `\n<!-- prettier-ignore-start -->\n${gemReferenceMarkdown()}\n<!-- prettier-ignore-end -->\n\n`;

  // Regenerate with: UPDATE_PIPELINE_FORMAT_DOCS=1 yarn backstage-cli package test src/project/docs
  if (process.env.UPDATE_PIPELINE_FORMAT_DOCS) {
    const current = fs.readFileSync(DOC, 'utf8');
    const start = current.indexOf(START) + START.length;
    fs.writeFileSync(
      DOC,
      current.slice(0, start) + generated + current.slice(current.indexOf(END)),
    );
  }
  const doc = fs.readFileSync(DOC, 'utf8');

  it('embeds the gem reference generated from the gem definitions', () => {
    const start = doc.indexOf(START);
    const end = doc.indexOf(END);
    expect(start).toBeGreaterThan(0);
    expect(doc.slice(start + START.length, end)).toBe(generated);
  });

  it('has examples that are valid files of their kind', () => {
    // Each example is a ```yaml block whose first line is a comment naming its file.
    const examples = [...doc.matchAll(/```yaml\n# ([^\n]+)\n([\s\S]*?)```/g)];
    const kinds = new Set<ProjectFileKind>();
    for (const [, fileName, text] of examples) {
      const kind = fileName.match(/\.(\w+)\.yaml$/)?.[1] ?? 'project';
      kinds.add(kind as ProjectFileKind);
      const diagnostics = parseProjectFile(
        kind as ProjectFileKind,
        fileName,
        text,
      ).diagnostics;
      expect({
        fileName,
        diagnostics: diagnostics.filter(d => d.severity !== 'info'),
      }).toEqual({
        fileName,
        diagnostics: [],
      });
      expect(parse(text)).toBeTruthy();
    }
    expect([...kinds].sort()).toEqual([
      'dataset',
      'job',
      'pipeline',
      'project',
      'rule',
      'subgraph',
      'test',
    ]);
  });
});
