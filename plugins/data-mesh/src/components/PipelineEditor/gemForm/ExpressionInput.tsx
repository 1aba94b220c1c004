import { autocompletion } from '@codemirror/autocomplete';
import { StreamLanguage } from '@codemirror/language';
import { sparkSQL } from '@codemirror/legacy-modes/mode/sql';
import { linter } from '@codemirror/lint';
import { EditorView } from '@codemirror/view';
import { useTheme } from '@material-ui/core';
import Typography from '@material-ui/core/Typography';
import type { FunctionCatalogue } from '@meshwork/data-mesh-common';
import CodeMirror from '@uiw/react-codemirror';
import { useMemo } from 'react';
import {
  expressionCompletionSource,
  VocabularyColumn,
} from './expressionVocabulary';

/** A problem inside an expression, at offsets of its text. */
export interface ExpressionProblem {
  readonly from: number;
  readonly to: number;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

const sparkSqlLanguage = StreamLanguage.define(sparkSQL);

/** The same object every render, so that the editor is not reconfigured. */
const BASIC_SETUP = {
  lineNumbers: false,
  foldGutter: false,
  highlightActiveLine: false,
  // The gem's own completion replaces the default one.
  autocompletion: false,
};

/**
 * A Spark SQL expression in CodeMirror 6: highlighted, completing the
 * gem's columns and the catalogue's functions, and underlining each
 * problem at the characters the compiler points at.
 */
export const ExpressionInput = (props: {
  label: string;
  value: string;
  readOnly: boolean;
  columns: readonly VocabularyColumn[];
  /** The parameters the expression may read as `:name`. */
  parameters?: readonly VocabularyColumn[];
  /** The functions it may call; the built-ins when absent. */
  functions?: FunctionCatalogue;
  problems: readonly ExpressionProblem[];
  onChange: (value: string) => void;
}) => {
  const theme = useTheme();
  const { label, columns, problems, functions } = props;
  const parameters = props.parameters ?? [];
  // Compared by content: the form computes them afresh on every render, and
  // new extensions would make the editor reconfigure as the user types.
  const problemsKey = JSON.stringify(problems);
  const columnsKey = JSON.stringify(columns);
  const parametersKey = JSON.stringify(parameters);
  const extensions = useMemo(
    () => [
      sparkSqlLanguage,
      EditorView.lineWrapping,
      autocompletion({
        override: [expressionCompletionSource(columns, functions, parameters)],
      }),
      linter(
        view =>
          problems.map(p => {
            const length = view.state.doc.length;
            const from = Math.min(p.from, length);
            return {
              from,
              to: Math.min(Math.max(p.to, from), length),
              severity: p.severity,
              message: p.message,
            };
          }),
        { delay: 0 },
      ),
      EditorView.contentAttributes.of({ 'aria-label': label }),
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [label, columnsKey, parametersKey, functions, problemsKey],
  );
  return (
    <>
      <Typography variant="caption" color="textSecondary" component="div">
        {label}
      </Typography>
      <CodeMirror
        value={props.value}
        theme={theme.palette.type === 'dark' ? 'dark' : 'light'}
        readOnly={props.readOnly}
        editable={!props.readOnly}
        extensions={extensions}
        onChange={props.onChange}
        basicSetup={BASIC_SETUP}
      />
      {problems.map((p, index) => (
        <Typography
          key={index}
          variant="caption"
          color={p.severity === 'error' ? 'error' : 'textSecondary'}
          component="div"
          role="alert"
        >
          {`Column ${p.from + 1}: ${p.message}`}
        </Typography>
      ))}
    </>
  );
};
