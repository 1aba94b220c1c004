import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  CompilerDiagnostic,
  formatDataPath,
  gemDefinitions,
  PathSegment,
  PortSchema,
  tryParseExpression,
} from '@meshwork/data-mesh-common';
import { useMemo } from 'react';
import type { DraftProjectNames } from '../draftCheck';
import type { EditorDiagnostic } from '../usePipelineEditor';
import { expressionColumns, VocabularyColumn } from './expressionVocabulary';
import {
  FieldHint,
  FieldProblems,
  FieldSchema,
  FormContext,
  MAP_KEYS,
  SchemaField,
} from './SchemaForm';

/** A node of the pipeline file as the form edits it: possibly not yet valid. */
export interface GemFormNode {
  readonly id: string;
  readonly type: string;
  readonly label?: string;
  readonly config?: unknown;
}

type HintRule = readonly [path: string, hint: (names: HintNames) => FieldHint];

interface HintNames extends DraftProjectNames {
  readonly config: unknown;
}

const column = (): FieldHint => ({ kind: 'column' });
const datasets = (names: HintNames): FieldHint => ({
  kind: 'choice',
  options: names.datasets,
});

/**
 * The fields whose values are columns of the gem's input or names of
 * other project files, which the form offers to pick; `*` stands for any
 * list index or map key.
 */
const FIELD_HINTS: Readonly<Record<string, readonly HintRule[]>> = {
  Source: [['dataset', datasets]],
  Target: [
    ['dataset', datasets],
    ['mergeKeys/*', column],
  ],
  Mask: [['column', column]],
  Reformat: [
    ['drop/*', column],
    ['rename/*/from', column],
  ],
  Subgraph: [
    ['subgraph', names => ({ kind: 'choice', options: names.subgraphs })],
  ],
  BusinessRule: [
    [
      'rule',
      names => ({ kind: 'choice', options: [...names.rules.keys()].sort() }),
    ],
    [
      `bindings/${MAP_KEYS}`,
      names => {
        const rule = (names.config as { rule?: unknown } | undefined)?.rule;
        return {
          kind: 'choice',
          options: typeof rule === 'string' ? names.rules.get(rule) ?? [] : [],
        };
      },
    ],
  ],
};

function matches(pattern: string, path: readonly PathSegment[]): boolean {
  const parts = pattern.split('/');
  if (parts.length !== path.length) return false;
  return parts.every((part, i) =>
    part === '*' ? path[i] !== MAP_KEYS : part === String(path[i]),
  );
}

/** The problems at exactly one data path, split by what the form can place. */
function problemsAt(
  fullPath: string,
  value: unknown,
  diagnostics: readonly EditorDiagnostic[],
  problems: readonly CompilerDiagnostic[],
): FieldProblems {
  const inline: FieldProblems['inline'][number][] = [];
  const messages: string[] = [];
  for (const d of diagnostics) {
    if (d.path !== fullPath || d.severity === 'info') continue;
    if (
      d.message.startsWith('invalid expression') &&
      typeof value === 'string'
    ) {
      // The parser's offset inside the expression, which the file's
      // diagnostic has turned into a line and column of the file.
      const parsed = tryParseExpression(value);
      if (!parsed.ok) {
        inline.push({
          from: parsed.error.offset,
          to: parsed.error.offset + Math.max(parsed.error.length, 1),
          message: d.message,
          severity: 'error',
        });
        continue;
      }
    }
    messages.push(d.message);
  }
  for (const p of problems) {
    if (formatDataPath(p.path) !== fullPath) continue;
    if (p.expression) {
      inline.push({
        from: p.expression.offset,
        to: p.expression.offset + Math.max(p.expression.length, 1),
        message: p.message,
        severity: p.severity,
      });
    } else {
      messages.push(p.message);
    }
  }
  return { inline, messages };
}

/**
 * A gem's configuration as a form generated from its JSON Schema, with
 * pickers for columns and project names, expression editors, and each
 * problem shown at its field.
 */
export const GemForm = (props: {
  node: GemFormNode;
  index: number;
  inputs: Readonly<Record<string, PortSchema>>;
  names: DraftProjectNames;
  /** The parameters of the pipeline (or the subgraph) the gem is in. */
  parameters?: readonly VocabularyColumn[];
  diagnostics: readonly EditorDiagnostic[];
  problems: readonly CompilerDiagnostic[];
  readOnly: boolean;
  onChange: (node: { label?: string; config: unknown }) => void;
}) => {
  const { node, index, inputs, names, diagnostics, problems, readOnly } = props;
  const definition = (
    gemDefinitions as Record<
      string,
      { description: string; config: { toJsonSchema(): FieldSchema } }
    >
  )[node.type];
  const schema = useMemo(() => definition?.config.toJsonSchema(), [definition]);
  const columns = useMemo(
    () => expressionColumns(node.type, node.config, inputs),
    [node.type, node.config, inputs],
  );
  const nodePath = formatDataPath(['nodes', index]);
  const configPath = formatDataPath(['nodes', index, 'config']);

  if (!definition || !schema) {
    return (
      <Typography color="error" role="alert">
        {`"${node.type}" is not a gem type; fix it in the pipeline file.`}
      </Typography>
    );
  }
  const context: FormContext = {
    readOnly,
    columns,
    parameters: props.parameters ?? [],
    functions: names.functions,
    hint: path => {
      const rule = (FIELD_HINTS[node.type] ?? []).find(([pattern]) =>
        matches(pattern, path),
      );
      return rule?.[1]({ ...names, config: node.config });
    },
    problems: (path, value) =>
      problemsAt(
        formatDataPath(['nodes', index, 'config', ...path]),
        value,
        diagnostics,
        problems,
      ),
  };
  const whole = [
    ...problemsAt(nodePath, undefined, diagnostics, problems).messages,
    ...problemsAt(configPath, undefined, diagnostics, problems).messages,
  ];
  return (
    <Box
      component="form"
      aria-label={`Gem ${node.id}`}
      onSubmit={e => e.preventDefault()}
    >
      <Typography variant="body2" color="textSecondary" paragraph>
        {`${node.type} · ${node.id}: ${definition.description}`}
      </Typography>
      {whole.map(message => (
        <Typography key={message} color="error" variant="body2" role="alert">
          {message}
        </Typography>
      ))}
      <TextField
        id={`gem-${node.id}-label`}
        label="label"
        value={node.label ?? ''}
        fullWidth
        margin="dense"
        helperText="The name shown on the canvas."
        InputProps={{ readOnly }}
        onChange={e =>
          props.onChange({
            label: e.target.value || undefined,
            config: node.config,
          })
        }
      />
      <SchemaField
        schema={schema}
        value={node.config}
        path={[]}
        label="config"
        required
        context={context}
        onChange={config => props.onChange({ label: node.label, config })}
      />
    </Box>
  );
};
