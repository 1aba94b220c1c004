import {
  Content,
  ContentHeader,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useRouteRefParams } from '@backstage/frontend-plugin-api';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type { PipelineFile } from '@meshwork/data-mesh-common';
import { KeyboardEvent, useRef, useState } from 'react';
import { pipelineEditorRouteRef } from '../../routes';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { CodeView } from './codeView/CodeView';
import { CommitPanel } from './CommitPanel';
import { DiagnosticsList } from './DiagnosticsList';
import { GemPalette, PaletteGem } from './GemPalette';
import { GemPanel, SubgraphGemPanel } from './GemPanel';
import { findSubgraph, subgraphCanvas } from './subgraphCanvas';
import { standardsSubgraph } from './editorStandards';
import { MergePanel } from './MergePanel';
import { NodePreview } from './NodePreview';
import { layoutLeftToRight } from '../graphLayout';
import { CanvasActions, canvasShortcut, CanvasToolbar } from './CanvasToolbar';
import { GEM_HEIGHT, GEM_WIDTH, PipelineCanvas } from './PipelineCanvas';
import {
  addGem,
  connect,
  copyNodes,
  insertOnEdge,
  moveNode,
  pasteNodes,
  PipelineClipboard,
  placeNodes,
  remove,
} from './pipelineEdits';
import { PipelineHistoryCard } from './PipelineHistoryCard';
import { PipelineTextEditor } from './PipelineTextEditor';
import { usePipelineEditor } from './usePipelineEditor';

/** The pipeline editor of one pipeline of a data project. */
export const PipelineEditor = (props: {
  project: string;
  pipeline: string;
}) => {
  const { project, pipeline } = props;
  const editor = usePipelineEditor(project, pipeline);
  const [selected, setSelected] = useState<string>();
  const [selectedEdge, setSelectedEdge] = useState<number>();
  const [clipboard, setClipboard] = useState<PipelineClipboard>();
  // The subgraphs opened in place, outermost first.
  const [opened, setOpened] = useState<
    Array<{ node: string; subgraph: string }>
  >([]);
  // The canvas keeps the last version that parsed while the file is broken.
  const lastParsed = useRef<PipelineFile>();
  if (editor.pipeline) lastParsed.current = editor.pipeline;

  if (editor.loading) return <Progress />;
  if (editor.error) return <ResponseErrorPanel error={editor.error} />;
  const { source, text } = editor;
  if (!source || text === undefined) return <Progress />;
  const select = (node: string | undefined) => {
    setSelected(node);
    setSelectedEdge(undefined);
  };
  const pipelineShown = editor.pipeline ?? lastParsed.current;
  const innermost = opened[opened.length - 1];
  const openedSubgraph = innermost
    ? findSubgraph(source.projectFiles, innermost.subgraph) ??
      standardsSubgraph(editor.standards, innermost.subgraph)
    : undefined;
  const shown = openedSubgraph ? subgraphCanvas(openedSubgraph) : pipelineShown;
  const openGem = (nodeId: string) => {
    const node = shown?.nodes.find(n => n.id === nodeId);
    if (node?.type !== 'Subgraph') return;
    setOpened(path => [
      ...path,
      { node: nodeId, subgraph: node.config.subgraph },
    ]);
    select(undefined);
  };
  // The canvas edits only a file that parses; while it does not, the file
  // is mended as text.
  const current =
    editor.canEdit && opened.length === 0 ? editor.pipeline : undefined;
  const actions: CanvasActions = {
    onAdd: type => {
      if (!current) return;
      const added =
        selectedEdge !== undefined
          ? insertOnEdge(current, selectedEdge, type)
          : addGem(current, type);
      editor.edit(() => added.pipeline);
      select(added.id);
    },
    onUndo: editor.undo,
    onRedo: editor.redo,
    onDelete: () => {
      if (!current) return;
      if (selectedEdge !== undefined) {
        editor.edit(p => remove(p, { edges: [selectedEdge] }));
      } else if (selected) {
        editor.edit(p => remove(p, { nodes: [selected] }));
      }
      select(undefined);
    },
    onCopy: () => {
      if (current && selected) setClipboard(copyNodes(current, [selected]));
    },
    onPaste: () => {
      if (!current || !clipboard) return;
      const pasted = pasteNodes(current, clipboard);
      editor.edit(() => pasted.pipeline);
      select(pasted.ids[0]);
    },
    onLayout: async () => {
      if (!current) return;
      const placed = await layoutLeftToRight(
        current.nodes.map(node => ({
          id: node.id,
          width: GEM_WIDTH,
          height: GEM_HEIGHT,
        })),
        current.edges.map(edge => ({ from: edge.from.node, to: edge.to.node })),
      );
      editor.edit(p => placeNodes(p, placed));
    },
  };
  const addPaletteGem = (
    gem: PaletteGem,
    position?: { x: number; y: number },
    dropped = false,
  ) => {
    if (!current) return;
    const added =
      !dropped && !gem.preset && selectedEdge !== undefined
        ? insertOnEdge(current, selectedEdge, gem.type)
        : addGem(current, gem.type, position, gem.preset);
    editor.edit(() => added.pipeline);
    select(added.id);
  };
  const onCanvasKey = (event: KeyboardEvent) => {
    const action = current ? canvasShortcut(event) : undefined;
    if (!action) return;
    event.preventDefault();
    actions[action]();
  };

  return (
    <>
      <ContentHeader
        title={pipeline}
        description={`${source.path} in ${project}`}
      >
        <Box display="flex" style={{ gap: 8 }}>
          <Chip
            size="small"
            label={
              source.branchExists
                ? `Branch ${source.branch}`
                : `From ${source.defaultBranch.name}; commits go to ${source.branch}`
            }
          />
          <Chip size="small" label={`Base ${editor.baseCommit?.slice(0, 8)}`} />
          {!editor.canEdit && (
            <Chip size="small" color="secondary" label="Read only" />
          )}
        </Box>
      </ContentHeader>
      {!editor.canEdit && (
        <Typography variant="body2" paragraph role="note">
          Only the owning team and the platform team may edit this pipeline; you
          may read it and its history.
        </Typography>
      )}
      {editor.restoredDraftAt && (
        <Box role="status" display="flex" alignItems="center" mb={2}>
          <Typography variant="body2">
            Your uncommitted draft of{' '}
            {new Date(editor.restoredDraftAt).toLocaleString()} is restored.
          </Typography>
          <Button size="small" onClick={() => editor.discardDraft()}>
            Discard draft
          </Button>
        </Box>
      )}
      <Grid container spacing={2}>
        <Grid item xs={12} md={6}>
          <InfoCard title="Canvas" noPadding>
            {opened.length > 0 && (
              <Box
                p={1}
                display="flex"
                alignItems="center"
                flexWrap="wrap"
                style={{ gap: 8 }}
                role="navigation"
                aria-label="Opened subgraphs"
              >
                <Button
                  size="small"
                  variant="outlined"
                  onClick={() => {
                    setOpened([]);
                    select(undefined);
                  }}
                >
                  Back to {pipeline}
                </Button>
                <Typography variant="body2">
                  {opened
                    .map(o => `${o.node} (subgraph ${o.subgraph})`)
                    .join(' › ')}
                </Typography>
                <Typography variant="caption" color="textSecondary">
                  {openedSubgraph
                    ? `Shared by every pipeline that uses it: change it in subgraphs/${innermost.subgraph}.subgraph.yaml.`
                    : `The project has no valid subgraph ${innermost.subgraph}.`}
                </Typography>
              </Box>
            )}
            {shown && !editor.pipeline && opened.length === 0 && (
              <Box p={1}>
                <Typography variant="body2" color="error" role="note">
                  The pipeline file does not parse: the canvas shows the last
                  version that did.
                </Typography>
              </Box>
            )}
            {editor.canEdit && opened.length === 0 && (
              <CanvasToolbar
                actions={actions}
                canUndo={editor.canUndo}
                canRedo={editor.canRedo}
                hasSelection={
                  current !== undefined &&
                  (selected !== undefined || selectedEdge !== undefined)
                }
                canPaste={current !== undefined && clipboard !== undefined}
                onEdge={selectedEdge !== undefined}
              />
            )}
            {current && editor.check && (
              <GemPalette
                names={editor.check.names}
                onAdd={gem => addPaletteGem(gem)}
              />
            )}
            {shown ? (
              <div onKeyDown={onCanvasKey} role="presentation">
                <PipelineCanvas
                  pipeline={shown}
                  diagnostics={opened.length ? [] : editor.diagnostics}
                  selected={selected}
                  selectedEdge={selectedEdge}
                  onSelect={select}
                  onOpen={openGem}
                  onSelectEdge={edge => {
                    setSelectedEdge(edge);
                    if (edge !== undefined) setSelected(undefined);
                  }}
                  changes={
                    current && {
                      onMove: (id, position) =>
                        editor.edit(p => moveNode(p, id, position)),
                      onConnect: (from, to) =>
                        editor.edit(p => connect(p, from, to)),
                      onDelete: selection =>
                        editor.edit(p => remove(p, selection)),
                      onDropGem: (gem, position) =>
                        addPaletteGem(gem, position),
                    }
                  }
                />
              </div>
            ) : (
              <Box p={2}>
                <Typography color="error">
                  The pipeline file does not parse; its problems are listed
                  beside the file.
                </Typography>
              </Box>
            )}
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={6}>
          <InfoCard title="Pipeline file" subheader={source.path}>
            <PipelineTextEditor
              text={text}
              diagnostics={editor.diagnostics}
              readOnly={!editor.canEdit}
              onChange={editor.setText}
            />
            <DiagnosticsList diagnostics={editor.diagnostics} />
          </InfoCard>
        </Grid>
        {editor.conflict && (
          <Grid item xs={12}>
            <InfoCard title="Merge">
              <MergePanel
                conflict={editor.conflict}
                onResolve={editor.resolveConflict}
              />
            </InfoCard>
          </Grid>
        )}
        <Grid item xs={12} md={5}>
          <InfoCard title="Gem">
            {openedSubgraph ? (
              <SubgraphGemPanel
                subgraph={openedSubgraph}
                nodeId={selected}
                functions={editor.check?.names.functions}
              />
            ) : (
              <GemPanel
                editor={editor}
                nodeId={selected}
                onOpenSubgraph={openGem}
              />
            )}
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={7}>
          <InfoCard title="Data after the selected gem">
            <NodePreview
              project={project}
              pipeline={editor.pipeline}
              nodeId={opened.length ? undefined : selected}
            />
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <Accordion TransitionProps={{ unmountOnExit: true }}>
            <AccordionSummary
              expandIcon={<ExpandMoreIcon />}
              aria-controls="generated-code"
              id="generated-code-header"
            >
              <Typography variant="h6">
                Generated code: the draft against the last commit
              </Typography>
            </AccordionSummary>
            <AccordionDetails id="generated-code" style={{ display: 'block' }}>
              <CodeView
                projectFiles={source.projectFiles}
                path={source.path}
                pipeline={pipeline}
                draftText={text}
                committedText={editor.committedText ?? ''}
                standards={editor.standards}
              />
            </AccordionDetails>
          </Accordion>
        </Grid>
        {editor.canEdit && (
          <Grid item xs={12} md={5}>
            <InfoCard title="Commit">
              <CommitPanel editor={editor} />
            </InfoCard>
          </Grid>
        )}
        <Grid item xs={12} md={editor.canEdit ? 7 : 12}>
          <PipelineHistoryCard
            project={project}
            pipeline={pipeline}
            canEdit={editor.canEdit}
            version={editor.historyVersion}
            onRevert={editor.revert}
          />
        </Grid>
      </Grid>
    </>
  );
};

/** The page at /data-mesh/pipelines/:project/:pipeline. */
export const PipelineEditorPage = () => {
  const { project, pipeline } = useRouteRefParams(pipelineEditorRouteRef);
  return (
    <Content>
      <PipelineEditor project={project} pipeline={pipeline} />
    </Content>
  );
};
