import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type { DataProductEntity } from '@meshwork/data-mesh-common';
import useAsync from 'react-use/esm/useAsync';
import { dataMeshApiRef, DatasetReader, DatasetReads } from '../../api';
import { formatDateTime } from '../charts';
import { projectDatasetOf } from '../DataProductHealthCard/useMeasuredHealth';

/** The readers named; the count covers the rest. */
const READERS_SHOWN = 5;

const useStyles = makeStyles(theme => ({
  readers: {
    margin: 0,
    paddingLeft: 0,
    listStyle: 'none',
  },
  detail: {
    fontWeight: 'normal',
    color: theme.palette.text.secondary,
  },
}));

function times(n: number): string {
  return n === 1 ? 'once' : `${n} times`;
}

const Reader = ({ reader }: { reader: DatasetReader }) => {
  const classes = useStyles();
  return (
    <li>
      {reader.kind === 'user' ? (
        <EntityRefLink entityRef={reader.reader} defaultKind="user" />
      ) : (
        <>pipeline {reader.reader}</>
      )}{' '}
      <span className={classes.detail}>
        {reader.via === 'sample' ? 'sampled it' : 'read it in a run'}{' '}
        {times(reader.reads)}, last {formatDateTime(reader.lastReadAt)}
      </span>
    </li>
  );
};

const ReadersList = ({ reads }: { reads: DatasetReads }) => {
  const classes = useStyles();
  if (reads.readers.length === 0) {
    return <>No reads in the last {reads.windowDays} days</>;
  }
  const count = reads.readers.length;
  return (
    <>
      {reads.totalReads === 1 ? '1 read' : `${reads.totalReads} reads`} in{' '}
      {reads.windowDays} days by {count === 1 ? '1 reader' : `${count} readers`}
      <ul className={classes.readers} aria-label="Recent readers">
        {reads.readers.slice(0, READERS_SHOWN).map(reader => (
          <Reader key={`${reader.kind}:${reader.reader}`} reader={reader} />
        ))}
      </ul>
      {count > READERS_SHOWN && (
        <Typography variant="body2" className={classes.detail}>
          and {count - READERS_SHOWN} more
        </Typography>
      )}
    </>
  );
};

/**
 * Who read the product's dataset lately: people through the portal's
 * Samples and the pipelines that read it in their runs.
 */
export const RecentReads = ({ entity }: { entity: DataProductEntity }) => {
  const api = useApi(dataMeshApiRef);
  const source = projectDatasetOf(entity);
  const { value, loading, error } = useAsync(
    async () =>
      source ? api.getDatasetReads(source.project, source.dataset) : undefined,
    [api, source?.project, source?.dataset],
  );
  if (!source) return <>Not measured: no data project produces it</>;
  if (loading) return <Progress aria-label="Loading the recent reads" />;
  if (error) {
    return (
      <ResponseErrorPanel error={error} title="Could not load the reads" />
    );
  }
  return value ? <ReadersList reads={value} /> : null;
};
