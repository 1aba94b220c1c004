import {
  LoadedProject,
  PipelineFile,
  PipelineNode,
  PipelineTestCase,
  PipelineTestColumn,
  pipelineTestSubject,
  PropagationContext,
  ScalarValue,
  TestFile,
} from '@meshwork/data-mesh-common';

/** One table a test fills with its `given` rows. */
export interface TestInputTable {
  /** The key of `given` whose rows go in it. */
  readonly input: string;
  readonly columns: readonly PipelineTestColumn[];
}

/**
 * What a test compiles: a pipeline, the node (and port) whose output it
 * checks, and the tables its Sources read, by dataset name.
 */
export interface TestQuery {
  readonly pipeline: PipelineFile;
  readonly context: PropagationContext;
  readonly nodeId: string;
  readonly port?: string;
  readonly tables: ReadonlyMap<string, TestInputTable>;
  readonly parameters: Readonly<Record<string, ScalarValue>>;
}

/**
 * Datasets standing for a subgraph's or rule's inputs. A `:` keeps them
 * apart from the project's datasets, whose names never have one; no SQL
 * shows them, since every Source is read from a test table.
 */
const inputDataset = (input: string) => `test:${input}`;

/** The column a rule test's output holds the rule's value in: the rule's name. */
export function ruleValueColumn(rule: string): string {
  return rule.replace(/-/g, '_');
}

const at = (x: number): PipelineNode['position'] => ({ x, y: 0 });

/**
 * The query a test runs. A pipeline is tested as it is; a subgraph or a
 * rule is wrapped in a pipeline of its own that reads each input from a
 * Source, so that all three compile and run the same way. Throws an Error
 * with a message for the user when the file's subject is not in the
 * project (the project's diagnostics say so too).
 */
export function testQuery(
  project: LoadedProject,
  file: TestFile,
  test: PipelineTestCase,
): TestQuery {
  const subject = pipelineTestSubject(file, project);
  if (!subject) {
    const named = file.pipeline ?? file.subgraph ?? file.rule;
    throw new Error(`the project has no loadable subject "${named}"`);
  }
  const parameters = test.parameters ?? {};
  if (subject.kind === 'pipeline') {
    const pipeline = project.pipelines.get(subject.name)!.value;
    const output = test.expect.node
      ? { node: test.expect.node }
      : subject.defaultOutput;
    if ('problem' in output) throw new Error(output.problem);
    return {
      pipeline,
      context: project.context,
      nodeId: output.node,
      tables: new Map(
        [...subject.inputs].map(([dataset, columns]) => [
          dataset,
          { input: dataset, columns },
        ]),
      ),
      parameters,
    };
  }

  const sources: PipelineNode[] = [...subject.inputs.keys()].map(
    (input, index) => ({
      id: `given_${index}`,
      type: 'Source',
      position: at(0),
      config: { dataset: inputDataset(input) },
    }),
  );
  const datasets = { ...project.context.datasets };
  const tables = new Map<string, TestInputTable>();
  for (const [input, columns] of subject.inputs) {
    datasets[inputDataset(input)] = { table: inputDataset(input), columns };
    tables.set(inputDataset(input), { input, columns });
  }
  const context = { ...project.context, datasets };
  const inputs = [...subject.inputs.keys()];

  if (subject.kind === 'subgraph') {
    const subgraph = project.subgraphs.get(subject.name)!.value;
    const declared = subgraph.parameters ?? [];
    const pipeline: PipelineFile = {
      formatVersion: 1,
      name: subject.name,
      // The test's values reach the subgraph as the wrapper's parameters,
      // so that they are typed and checked as a pipeline's are.
      parameters: declared,
      nodes: [
        ...sources,
        {
          id: 'subject',
          type: 'Subgraph',
          position: at(200),
          config: {
            subgraph: subject.name,
            ...(declared.length
              ? {
                  parameters: Object.fromEntries(
                    declared.map(p => [p.name, `:${p.name}`]),
                  ),
                }
              : {}),
          },
        },
      ],
      edges: inputs.map((input, index) => ({
        from: { node: `given_${index}`, port: 'out' },
        to: { node: 'subject', port: input },
      })),
    };
    const port = test.expect.node ?? subgraph.outputs[0].name;
    return { pipeline, context, nodeId: 'subject', port, tables, parameters };
  }

  const rule = project.rules.get(subject.name)!.value;
  const pipeline: PipelineFile = {
    formatVersion: 1,
    name: subject.name,
    nodes: [
      ...sources,
      {
        id: 'subject',
        type: 'BusinessRule',
        position: at(200),
        config: {
          rule: subject.name,
          outputColumn: ruleValueColumn(subject.name),
          bindings: Object.fromEntries(rule.inputs.map(i => [i.name, i.name])),
        },
      },
    ],
    edges: [
      {
        from: { node: 'given_0', port: 'out' },
        to: { node: 'subject', port: 'in' },
      },
    ],
  };
  return { pipeline, context, nodeId: 'subject', tables, parameters };
}
