import { stringify } from 'yaml';
import { compileProject } from '../projectCompiler/compileProject';
import { helloWorldSources } from '../projectCompiler/__testUtils__/brokenProjects';
import { serializeProjectFile } from '../project/serialize';
import { datasetToOdcs } from './datasetToOdcs';
import { odcsToDataset } from './odcsToDataset';
import { readOdcs, validateOdcs } from './validate';

describe('Hello World datasets through ODCS', () => {
  const sources = helloWorldSources();
  const compiled = compileProject(sources);
  const { manifest } = compiled;
  const project = manifest.project!;

  it('compiles without errors', () => {
    expect(compiled.diagnostics.filter(d => d.severity === 'error')).toEqual(
      [],
    );
    expect(manifest.datasets.length).toBeGreaterThanOrEqual(10);
  });

  it.each(manifest.datasets.map(d => [d.name, d] as const))(
    '%s exports a valid contract that imports back to the same file',
    (_name, dataset) => {
      const document = datasetToOdcs({ dataset, project });
      expect(validateOdcs(document)).toEqual([]);

      const read = readOdcs(stringify(document));
      if (!read.ok) throw new Error(JSON.stringify(read.problems));
      const { dataset: imported, notes } = odcsToDataset(read.document, {
        defaultOwner: 'group:default/someone-else',
        projectDomain: project.domain,
      });
      // Nothing of a Meshwork export is changed on the way back; what is
      // dropped is what the project derives (lineage) or has elsewhere.
      expect(notes.filter(n => n.kind === 'changed')).toEqual([]);
      for (const note of notes) {
        expect(note.path).toMatch(
          /^(id|version|status|servers|schema\[0\]\.properties\[\d+\]\.transform(Logic|SourceObjects|Description))$/,
        );
      }
      const original = sources.find(f => f.path === dataset.file)!;
      expect(serializeProjectFile('dataset', imported)).toBe(original.text);
    },
  );

  it('compiles to the same manifest with every dataset re-imported', () => {
    const reimported = sources.map(file => {
      const dataset = manifest.datasets.find(d => d.file === file.path);
      if (!dataset) return file;
      const read = readOdcs(stringify(datasetToOdcs({ dataset, project })));
      if (!read.ok) throw new Error(JSON.stringify(read.problems));
      const { dataset: imported } = odcsToDataset(read.document, {
        defaultOwner: project.owner,
        projectDomain: project.domain,
      });
      return {
        path: file.path,
        text: serializeProjectFile('dataset', imported),
      };
    });
    expect(compileProject(reimported).manifest).toEqual(manifest);
  });

  it('exports lineage formulas, rules in place and the freshness SLA', () => {
    const customerOrder = manifest.datasets.find(
      d => d.name === 'CustomerOrder',
    )!;
    const document = datasetToOdcs({ dataset: customerOrder, project });
    const object = document.schema![0];
    expect(document).toMatchObject({
      apiVersion: 'v3.1.0',
      kind: 'DataContract',
      id: 'hello-world.CustomerOrder',
      domain: 'sales',
      team: { name: 'sales-analytics' },
      slaProperties: [{ property: 'latency', value: 26, unit: 'h' }],
    });
    expect(object.physicalName).toBe('gold.customer_order');
    const email = object.properties!.find(p => p.name === 'email')!;
    expect(email).toMatchObject({
      logicalType: 'string',
      physicalType: 'string',
      classification: 'pii',
      tags: ['email'],
      quality: [
        {
          type: 'library',
          metric: 'invalidValues',
          mustBe: 0,
          arguments: { pattern: '^[0-9a-f]{64}$' },
        },
      ],
    });
    const emailLineage = customerOrder.lineage.find(l => l.column === 'email')!;
    expect(email.transformLogic).toBe(emailLineage.formula);
    expect(email.transformLogic).toMatch(/email/);
    expect(email.transformSourceObjects).toEqual(
      expect.arrayContaining([expect.stringMatching(/^bronze_customers\./)]),
    );
    const orderId = object.properties!.find(p => p.name === 'order_id')!;
    expect(orderId).toMatchObject({
      required: true,
      unique: true,
      logicalType: 'integer',
    });
    expect(object.quality).toEqual([
      expect.objectContaining({
        metric: 'rowCount',
        mustBeGreaterOrEqualTo: 1,
      }),
    ]);
  });
});
