import { checkParameterValue } from '../compiler/parameters';
import { didYouMean } from '../compiler/references';
import type { PropagationContext } from '../compiler/types';
import { formatSqlType, parseSqlType } from '../expression';
import type {
  PipelineFile,
  RuleFile,
  SubgraphFile,
  TestFile,
} from '../project';
import { testFileSubject } from '../project/checks/test';
import type { ProblemAt } from './positions';
import type { LoadedFile } from './types';

/**
 * A column of a test's input: its name and Spark SQL type name.
 *
 * @public
 */
export interface PipelineTestColumn {
  readonly name: string;
  readonly type: string;
}

/**
 * What a test file's subject reads and gives, as its tests name them.
 *
 * @public
 */
export interface PipelineTestSubject {
  readonly kind: 'pipeline' | 'subgraph' | 'rule';
  readonly name: string;
  /**
   * What `given` may name, each with its columns: the datasets the
   * pipeline's Source gems read, the subgraph's input ports, or `input`
   * with the rule's inputs.
   */
  readonly inputs: ReadonlyMap<string, readonly PipelineTestColumn[]>;
  /**
   * What `expect.node` may name: the pipeline's node ids or the
   * subgraph's output ports; none for a rule.
   */
  readonly outputs: readonly string[];
  /**
   * What an omitted `expect.node` means: the pipeline's only Target, the
   * subgraph's first output, the rule's value; or why it must be given.
   */
  readonly defaultOutput: { node: string } | { problem: string };
  /** The parameters the tests may set. */
  readonly parameters: ReadonlyArray<{
    readonly name: string;
    readonly type: string;
  }>;
}

/**
 * The files a test's subject is looked up in (a `LoadedProject` has them).
 *
 * @public
 */
export interface PipelineTestProject {
  readonly pipelines: ReadonlyMap<string, LoadedFile<PipelineFile>>;
  readonly subgraphs: ReadonlyMap<string, LoadedFile<SubgraphFile>>;
  readonly rules: ReadonlyMap<string, LoadedFile<RuleFile>>;
  readonly context: PropagationContext;
}

const typeText = (type: string | Parameters<typeof formatSqlType>[0]) =>
  typeof type === 'string' ? type : formatSqlType(type);

/**
 * The subject of a test file as its tests see it, or `undefined` when the
 * file names none or the project lacks it.
 *
 * @public
 */
export function pipelineTestSubject(
  file: TestFile,
  project: PipelineTestProject,
): PipelineTestSubject | undefined {
  const subject = testFileSubject(file);
  if (!subject) return undefined;
  const { kind, name } = subject;
  if (kind === 'pipeline') {
    const pipeline = project.pipelines.get(name)?.value;
    if (!pipeline) return undefined;
    const inputs = new Map<string, PipelineTestColumn[]>();
    for (const node of pipeline.nodes) {
      if (node.type !== 'Source' || node.config.dataset === undefined) continue;
      const dataset = project.context.datasets[node.config.dataset];
      // A Source of an unknown dataset is the pipeline's own problem.
      if (!dataset) continue;
      inputs.set(
        node.config.dataset,
        dataset.columns.map(c => ({ name: c.name, type: typeText(c.type) })),
      );
    }
    const targets = pipeline.nodes.filter(n => n.type === 'Target');
    return {
      kind,
      name,
      inputs,
      outputs: pipeline.nodes.map(n => n.id),
      defaultOutput:
        targets.length === 1
          ? { node: targets[0].id }
          : {
              problem: `pipeline "${name}" has ${
                targets.length
              } Targets (${targets
                .map(t => t.id)
                .join(', ')}): name the node to check in expect.node`,
            },
      parameters: pipeline.parameters ?? [],
    };
  }
  if (kind === 'subgraph') {
    const subgraph = project.subgraphs.get(name)?.value;
    if (!subgraph) return undefined;
    return {
      kind,
      name,
      inputs: new Map(subgraph.inputs.map(port => [port.name, port.schema])),
      outputs: subgraph.outputs.map(port => port.name),
      defaultOutput: { node: subgraph.outputs[0].name },
      parameters: subgraph.parameters ?? [],
    };
  }
  const rule = project.rules.get(name)?.value;
  if (!rule) return undefined;
  return {
    kind,
    name,
    inputs: new Map([['input', rule.inputs]]),
    outputs: [],
    defaultOutput: { node: name },
    parameters: [],
  };
}

/**
 * The problems of a test file that only the whole project shows: a
 * subject the project lacks, an expected node or given input the subject
 * does not have, columns its inputs lack, parameters it does not declare.
 */
export function pipelineTestProblems(
  file: TestFile,
  project: PipelineTestProject & {
    /** Pipelines that exist but do not load; their tests are not checked. */
    readonly brokenPipelines: ReadonlySet<string>;
  },
): ProblemAt[] {
  const named = testFileSubject(file);
  if (!named) return [];
  const subject = pipelineTestSubject(file, project);
  if (!subject) {
    if (named.kind === 'pipeline' && project.brokenPipelines.has(named.name)) {
      return [];
    }
    const known = {
      pipeline: [...project.pipelines.keys(), ...project.brokenPipelines],
      subgraph: [...project.subgraphs.keys()],
      rule: [...project.rules.keys()],
    }[named.kind];
    return [
      {
        path: [named.kind],
        code: 'unknown-reference',
        message: `no ${named.kind} "${named.name}" in the project${didYouMean(
          named.name,
          known,
        )}`,
      },
    ];
  }
  const problems: ProblemAt[] = [];
  const what = `${subject.kind} "${subject.name}"`;
  file.tests.forEach((test, index) => {
    const at = ['tests', index] as const;
    const { node } = test.expect;
    if (node !== undefined && subject.kind !== 'rule') {
      if (!subject.outputs.includes(node)) {
        problems.push({
          path: [...at, 'expect', 'node'],
          code: 'unknown-reference',
          message:
            subject.kind === 'pipeline'
              ? `${what} has no node "${node}"${didYouMean(
                  node,
                  subject.outputs,
                )}`
              : `${what} has no output "${node}"${didYouMean(
                  node,
                  subject.outputs,
                )}; its outputs: ${subject.outputs.join(', ')}`,
        });
      }
    } else if (node === undefined && 'problem' in subject.defaultOutput) {
      problems.push({
        path: [...at, 'expect'],
        code: 'invalid-value',
        message: subject.defaultOutput.problem,
      });
    }
    for (const [input, rows] of Object.entries(test.given ?? {})) {
      const columns = subject.inputs.get(input);
      if (!columns) {
        // A rule's other keys are the file's own problem.
        if (subject.kind === 'rule') continue;
        const known = [...subject.inputs.keys()];
        problems.push({
          path: [...at, 'given', input],
          target: 'key',
          code: 'unknown-reference',
          message: `${what} ${
            subject.kind === 'pipeline'
              ? `reads no dataset "${input}"`
              : `has no input "${input}"`
          }${didYouMean(input, known)}; ${
            subject.kind === 'pipeline' ? 'its Source gems read' : 'its inputs'
          }: ${known.join(', ') || 'none'}`,
        });
        continue;
      }
      const names = columns.map(c => c.name);
      rows.forEach((row, position) => {
        for (const column of Object.keys(row)) {
          if (names.includes(column)) continue;
          problems.push({
            path: [...at, 'given', input, position, column],
            target: 'key',
            code: 'unknown-reference',
            message: `${
              subject.kind === 'pipeline' ? 'dataset' : 'input'
            } "${input}" has no column "${column}"${didYouMean(column, names)}`,
          });
        }
      });
    }
    for (const [name, value] of Object.entries(test.parameters ?? {})) {
      const declared = subject.parameters.find(p => p.name === name);
      if (!declared) {
        problems.push({
          path: [...at, 'parameters', name],
          target: 'key',
          code: 'unknown-reference',
          message: `${what} has no parameter "${name}"${didYouMean(
            name,
            subject.parameters.map(p => p.name),
          )}`,
        });
        continue;
      }
      const checked = checkParameterValue(value, parseSqlType(declared.type));
      if ('problem' in checked) {
        problems.push({
          path: [...at, 'parameters', name],
          code: 'invalid-parameter',
          message: `parameter "${name}": ${checked.problem}`,
        });
      }
    }
  });
  return problems;
}
