import { EmptyState } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import type {
  FunctionCatalogue,
  SubgraphFile,
} from '@meshwork/data-mesh-common';
import { useMemo } from 'react';
import { nodeInputs } from './draftCheck';
import { GemForm } from './gemForm/GemForm';
import { expressionParameters } from './gemForm/expressionVocabulary';
import { findFormNode, readPipelineData } from './pipelineData';
import type { PipelineEditorState } from './usePipelineEditor';

const NO_NAMES = { datasets: [], subgraphs: [], rules: new Map() };

const NoGem = (props: { description: string }) => (
  <EmptyState
    missing="field"
    title="No gem selected"
    description={props.description}
  />
);

/** The selected gem's configuration, as a form that edits the file. */
export const GemPanel = (props: {
  editor: PipelineEditorState;
  nodeId: string | undefined;
  onOpenSubgraph: (nodeId: string) => void;
}) => {
  const { editor, nodeId } = props;
  const text = editor.text;
  // The form reads the file's data even while it is invalid, which costs a
  // parse of its own: only while a gem is selected.
  const data = useMemo(
    () =>
      text === undefined || nodeId === undefined
        ? undefined
        : readPipelineData(text),
    [text, nodeId],
  );
  const found = nodeId ? findFormNode(data, nodeId) : undefined;
  if (!nodeId || !found) {
    return (
      <NoGem
        description={
          data || !nodeId
            ? 'Select a gem on the canvas to see and change its configuration.'
            : 'The pipeline file is not YAML the form can read; mend it in the file.'
        }
      />
    );
  }
  return (
    <>
      {found.node.type === 'Subgraph' && (
        <Button
          size="small"
          variant="outlined"
          onClick={() => props.onOpenSubgraph(found.node.id)}
        >
          Open subgraph
        </Button>
      )}
      <GemForm
        key={found.node.id}
        node={found.node}
        index={found.index}
        inputs={nodeInputs(editor.check, found.node.id)}
        names={editor.check?.names ?? NO_NAMES}
        parameters={expressionParameters(data?.parameters)}
        diagnostics={editor.diagnostics}
        problems={editor.check?.problems ?? []}
        readOnly={!editor.canEdit}
        onChange={change => editor.editNode(found.node.id, change)}
      />
    </>
  );
};

/** A gem of a subgraph opened in place: shown, not changed, from the pipeline. */
export const SubgraphGemPanel = (props: {
  subgraph: SubgraphFile;
  nodeId: string | undefined;
  /** The functions of the project's standards library, for completion. */
  functions?: FunctionCatalogue;
}) => {
  const index = props.subgraph.nodes.findIndex(n => n.id === props.nodeId);
  const node = props.subgraph.nodes[index];
  if (!node) {
    return (
      <NoGem description="Select a gem of the subgraph to see its configuration." />
    );
  }
  return (
    <GemForm
      key={node.id}
      node={node}
      index={index}
      inputs={{}}
      names={{ ...NO_NAMES, functions: props.functions }}
      parameters={expressionParameters(props.subgraph.parameters)}
      diagnostics={[]}
      problems={[]}
      readOnly
      onChange={() => undefined}
    />
  );
};
