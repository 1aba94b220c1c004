import { StreamLanguage } from '@codemirror/language';
import { yaml } from '@codemirror/legacy-modes/mode/yaml';
import { Diagnostic, linter, lintGutter } from '@codemirror/lint';
import type { Text } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useTheme } from '@material-ui/core';
import CodeMirror from '@uiw/react-codemirror';
import { useMemo } from 'react';
import type { EditorDiagnostic } from './usePipelineEditor';

/** The offset of a 1-based line and column, kept inside the document. */
function offsetOf(doc: Text, line: number, column: number): number {
  const at = doc.line(Math.min(Math.max(line, 1), doc.lines));
  return Math.min(at.from + Math.max(column - 1, 0), at.to);
}

/** The diagnostics as CodeMirror's, underlined where the compiler reports them. */
export function toCodeMirrorDiagnostics(
  doc: Text,
  diagnostics: readonly EditorDiagnostic[],
): Diagnostic[] {
  return diagnostics.map(d => {
    const from = offsetOf(doc, d.line, d.column);
    const to = Math.max(from, offsetOf(doc, d.endLine, d.endColumn));
    return {
      from,
      to,
      severity: d.severity === 'info' ? 'info' : d.severity,
      message: d.path ? `${d.message} (${d.path})` : d.message,
    };
  });
}

/**
 * One object for every render: a new one makes the editor reconfigure,
 * which closes its search panel.
 */
const BASIC_SETUP = { foldGutter: true, highlightActiveLine: true };

/**
 * The pipeline file in CodeMirror 6, with YAML highlighting and the
 * diagnostics underlined at their line and column.
 */
export const PipelineTextEditor = (props: {
  text: string;
  diagnostics: readonly EditorDiagnostic[];
  readOnly: boolean;
  onChange: (text: string) => void;
}) => {
  const theme = useTheme();
  const { diagnostics } = props;
  const extensions = useMemo(
    () => [
      StreamLanguage.define(yaml),
      EditorView.lineWrapping,
      lintGutter(),
      linter(view => toCodeMirrorDiagnostics(view.state.doc, diagnostics), {
        delay: 0,
      }),
      EditorView.contentAttributes.of({
        'aria-label': 'Pipeline file',
      }),
    ],
    [diagnostics],
  );
  return (
    <CodeMirror
      value={props.text}
      height="420px"
      theme={theme.palette.type === 'dark' ? 'dark' : 'light'}
      readOnly={props.readOnly}
      editable={!props.readOnly}
      extensions={extensions}
      onChange={props.onChange}
      basicSetup={BASIC_SETUP}
    />
  );
};
