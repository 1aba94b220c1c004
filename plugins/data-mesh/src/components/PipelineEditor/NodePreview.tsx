import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Typography from '@material-ui/core/Typography';
import LockIcon from '@material-ui/icons/Lock';
import type { PipelineFile } from '@meshwork/data-mesh-common';
import { useEffect, useState } from 'react';
import { dataMeshApiRef, previewDiagnostics, PreviewResponse } from '../../api';
import { cellText } from '../charts';

/** Rows a preview asks for. */
export const PREVIEW_ROWS = 50;
/** How long the pipeline must stay unchanged before it is previewed. */
export const PREVIEW_SETTLE_MS = 300;

type Row = Record<string, unknown>;

type PreviewState =
  | { status: 'loading' }
  | { status: 'done'; preview: PreviewResponse }
  | { status: 'failed'; error: Error };

const PreviewTable = ({ preview }: { preview: PreviewResponse }) => {
  const columns: TableColumn<Row>[] = preview.columns.map((column, index) => ({
    title: column.masked ? (
      <span title={`${column.name} is personal data, masked for you`}>
        {column.name} <LockIcon fontSize="inherit" titleAccess="masked" />
      </span>
    ) : (
      column.name
    ),
    render: row => cellText(row[index]),
  }));
  const dbus = preview.estimatedCost.dbus;
  const facts = [
    `${preview.rows.length}${preview.truncated ? '+' : ''} rows`,
    `${preview.columns.length} columns`,
    `${Math.round(preview.timing.totalMs)} ms on ${preview.engine}`,
    dbus === null ? 'cost unknown' : `about ${dbus.toPrecision(2)} DBU a run`,
  ];
  return (
    <Table<Row>
      title={`Data after ${preview.node}`}
      subtitle={facts.join(' · ')}
      columns={columns}
      data={preview.rows.map(row => ({ ...row }))}
      options={{
        paging: false,
        search: false,
        padding: 'dense',
        maxBodyHeight: 420,
      }}
    />
  );
};

/**
 * The data after the selected node, with the unsaved edits upstream. A new
 * selection or edit cancels the preview still running.
 */
export const NodePreview = (props: {
  project: string;
  pipeline?: PipelineFile;
  nodeId?: string;
}) => {
  const api = useApi(dataMeshApiRef);
  const { project, pipeline, nodeId } = props;
  const [state, setState] = useState<PreviewState>();

  useEffect(() => {
    if (!pipeline || !nodeId) return undefined;
    const controller = new AbortController();
    setState({ status: 'loading' });
    // Typing changes the pipeline on every key: preview once it settles.
    const timer = setTimeout(() => {
      api
        .preview(
          { project, pipeline, nodeId, limit: PREVIEW_ROWS },
          { signal: controller.signal },
        )
        .then(preview => setState({ status: 'done', preview }))
        .catch(error => {
          if (!controller.signal.aborted) {
            setState({ status: 'failed', error });
          }
        });
    }, PREVIEW_SETTLE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, project, pipeline, nodeId]);

  if (!nodeId) {
    return (
      <EmptyState
        missing="data"
        title="Select a gem"
        description="Click a gem on the canvas to see the data after it."
      />
    );
  }
  if (!pipeline) {
    return (
      <Typography color="error">
        The pipeline file does not parse; fix it to preview.
      </Typography>
    );
  }
  if (!state || state.status === 'loading') return <Progress />;
  if (state.status === 'failed') {
    const diagnostics = previewDiagnostics(state.error);
    if (diagnostics) {
      return (
        <>
          <Typography color="error">
            The pipeline does not check, so it cannot be previewed:
          </Typography>
          <ul>
            {diagnostics.map((d, index) => (
              <li key={index}>
                <Typography variant="body2">
                  {d.path ? `${d.path}: ` : ''}
                  {d.message}
                </Typography>
              </li>
            ))}
          </ul>
        </>
      );
    }
    return <ResponseErrorPanel error={state.error} />;
  }
  return <PreviewTable preview={state.preview} />;
};
