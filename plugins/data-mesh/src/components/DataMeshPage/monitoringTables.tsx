import { Link } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { FailingJob, MissedSla, QualityBreach } from '../../api';

/** `2026-12-05 13:58 UTC`: the same for everyone reading the page together. */
export function formatTime(iso: string | undefined): string {
  return iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '';
}

const Header = ({ cells }: { cells: string[] }) => (
  <TableHead>
    <TableRow>
      {cells.map(cell => (
        <TableCell key={cell}>{cell}</TableCell>
      ))}
    </TableRow>
  </TableHead>
);

/** Jobs whose last run failed: the failing task's error and the run. */
export const FailingJobsTable = ({ jobs }: { jobs: FailingJob[] }) => (
  <Table size="small" aria-label="Failing jobs">
    <Header cells={['Job', 'Project', 'Failed task', 'Error', 'Failed at']} />
    <TableBody>
      {jobs.map(job => (
        <TableRow key={`${job.project}/${job.job}`}>
          <TableCell>
            <Link to={job.link}>{job.job}</Link>
          </TableCell>
          <TableCell>{job.project}</TableCell>
          <TableCell>{job.task ?? '—'}</TableCell>
          <TableCell>{job.error}</TableCell>
          <TableCell>
            <Link to={job.runLink}>{formatTime(job.endedAt) || 'the run'}</Link>
          </TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
);

/** Datasets older than their freshness SLA. */
export const MissedSlasTable = ({ slas }: { slas: MissedSla[] }) => (
  <Table size="small" aria-label="Missed SLAs">
    <Header
      cells={['Dataset', 'Project', 'SLA', 'Last written', 'What is wrong']}
    />
    <TableBody>
      {slas.map(sla => (
        <TableRow key={`${sla.project}/${sla.dataset}`}>
          <TableCell>
            <Link to={sla.link}>{sla.dataset}</Link>
          </TableCell>
          <TableCell>{sla.project}</TableCell>
          <TableCell>
            {sla.slaHours !== undefined ? `${sla.slaHours} h` : '—'}
          </TableCell>
          <TableCell>{formatTime(sla.lastWrittenAt) || 'never'}</TableCell>
          <TableCell>{sla.message}</TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
);

function offending(breach: QualityBreach): string {
  const parts = [];
  if (breach.observed !== undefined) parts.push(`observed ${breach.observed}`);
  if (breach.failingRows !== undefined) {
    parts.push(
      `${breach.failingRows}${
        breach.checkedRows !== undefined ? ` of ${breach.checkedRows}` : ''
      } rows failing`,
    );
  }
  if (breach.message) parts.push(breach.message);
  return (
    parts.join('; ') ||
    (breach.status === 'error' ? 'could not be checked' : 'failed')
  );
}

/** Rules whose latest check failed, with what was found and the last good run. */
export const QualityBreachesTable = ({
  breaches,
}: {
  breaches: QualityBreach[];
}) => (
  <Table size="small" aria-label="Quality breaches">
    <Header cells={['Dataset', 'Rule', 'Found', 'Checked', 'Last passed']} />
    <TableBody>
      {breaches.map(breach => (
        <TableRow key={`${breach.project}/${breach.dataset}/${breach.ruleKey}`}>
          <TableCell>
            <Link to={breach.link}>{breach.dataset}</Link>
          </TableCell>
          <TableCell>{breach.ruleLabel}</TableCell>
          <TableCell>{offending(breach)}</TableCell>
          <TableCell>{formatTime(breach.evaluatedAt)}</TableCell>
          <TableCell>{formatTime(breach.lastGoodAt) || 'never'}</TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
);
