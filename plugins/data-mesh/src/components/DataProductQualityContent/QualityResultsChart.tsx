import { useTheme } from '@material-ui/core/styles';
import {
  CartesianGrid,
  Legend,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ChartFigure, dayTicks, formatDateTime, formatDay } from '../charts';
import type { ResultPoint, RuleRow } from './qualityHistory';

/** Room for one rule's row, and for the axis and legend around them. */
const ROW_HEIGHT = 44;
const FRAME_HEIGHT = 110;

interface StatusStyle {
  status: ResultPoint['status'];
  name: string;
  shape: 'circle' | 'cross' | 'triangle';
}

// Shapes as well as colours, so pass and fail differ for everyone.
const STATUSES: StatusStyle[] = [
  { status: 'pass', name: 'Pass', shape: 'circle' },
  { status: 'fail', name: 'Fail', shape: 'cross' },
  { status: 'error', name: 'Could not check', shape: 'triangle' },
];

const PointTooltip = (props: {
  active?: boolean;
  payload?: { payload: ResultPoint }[];
}) => {
  const point = props.payload?.[0]?.payload;
  if (!props.active || !point) {
    return null;
  }
  const { result } = point;
  return (
    <div style={{ background: 'white', border: '1px solid #ccc', padding: 8 }}>
      <strong>{point.rule}</strong>
      <div>
        {point.status} at {formatDateTime(point.time)} (run {result.jobRunId})
      </div>
      {result.message && <div>{result.message}</div>}
    </div>
  );
};

/**
 * One row per rule, one mark per check: where a rule started failing, and
 * whether it recovered, reads along its row.
 */
export const QualityResultsChart = (props: {
  rows: RuleRow[];
  points: ResultPoint[];
}) => {
  const theme = useTheme();
  const colors: Record<ResultPoint['status'], string> = {
    pass: theme.palette.success?.main ?? '#2e7d32',
    fail: theme.palette.error.main,
    error: theme.palette.warning?.main ?? '#ed6c02',
  };
  const measuredRules = new Set(props.points.map(point => point.rule));
  const rules = props.rows
    .map(row => row.label)
    .filter(label => measuredRules.has(label));
  const times = props.points.map(point => point.time);
  const first = Math.min(...times);
  const last = Math.max(...times);
  return (
    <ChartFigure
      title="Quality rule results over time"
      description="Each row is a contract rule; each mark one check of it after a write."
      height={FRAME_HEIGHT + ROW_HEIGHT * rules.length}
    >
      {({ width, height }) => {
        const ruleAxisWidth = Math.min(260, Math.round(width / 3));
        return (
          <ScatterChart
            width={width}
            height={height}
            margin={{ top: 8, right: 24, bottom: 8, left: 8 }}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="time"
              type="number"
              scale="time"
              domain={[first, last]}
              ticks={dayTicks(first, last, width - ruleAxisWidth - 64)}
              tickFormatter={formatDay}
              name="Checked"
              padding={{ left: 16, right: 16 }}
            />
            <YAxis
              dataKey="rule"
              type="category"
              allowDuplicatedCategory={false}
              ticks={rules}
              width={ruleAxisWidth}
              name="Rule"
            />
            <Tooltip content={<PointTooltip />} />
            <Legend />
            {STATUSES.map(style => (
              <Scatter
                key={style.status}
                name={style.name}
                data={props.points.filter(p => p.status === style.status)}
                fill={colors[style.status]}
                shape={style.shape}
                isAnimationActive={false}
              />
            ))}
          </ScatterChart>
        );
      }}
    </ChartFigure>
  );
};
