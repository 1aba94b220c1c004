import { useTheme } from '@material-ui/core/styles';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ChartFigure, formatDateTime, formatDay } from '../charts';
import { DatasetWrite, formatHours } from './freshnessWrites';

/**
 * Each write's gap since the one before, against the SLA: a bar above the
 * line is a time readers had older data than promised.
 */
export const WritesChart = (props: {
  writes: DatasetWrite[];
  slaHours?: number;
}) => {
  const theme = useTheme();
  const { slaHours } = props;
  const gaps = props.writes.filter(w => w.hoursSincePrevious !== undefined);
  const highest = Math.max(
    slaHours ?? 0,
    ...gaps.map(w => w.hoursSincePrevious!),
  );
  return (
    <ChartFigure
      title="Writes against the freshness SLA"
      description={
        slaHours === undefined
          ? 'Hours between each write and the one before it. The contract promises no freshness.'
          : `Hours between each write and the one before it; the line is the ${formatHours(
              slaHours,
            )} SLA, red bars broke it.`
      }
    >
      {({ width, height }) => (
        <BarChart
          width={width}
          height={height}
          data={gaps}
          margin={{ top: 16, right: 24, bottom: 8, left: 8 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="time" tickFormatter={formatDay} />
          <YAxis
            domain={[0, Math.ceil(highest * 1.1)]}
            label={{ value: 'hours', angle: -90, position: 'insideLeft' }}
          />
          <Tooltip
            labelFormatter={time => `Written ${formatDateTime(time)}`}
            formatter={(hours: number) => [
              formatHours(hours),
              'Since previous',
            ]}
          />
          <Bar
            dataKey="hoursSincePrevious"
            name="Hours since previous write"
            isAnimationActive={false}
          >
            {gaps.map(write => (
              <Cell
                key={`${write.jobRunId}-${write.taskKey}`}
                fill={
                  slaHours !== undefined && write.hoursSincePrevious! > slaHours
                    ? theme.palette.error.main
                    : theme.palette.primary.main
                }
              />
            ))}
          </Bar>
          {slaHours !== undefined && (
            <ReferenceLine
              y={slaHours}
              stroke={theme.palette.error.dark}
              strokeDasharray="6 3"
              label={{
                value: `SLA ${formatHours(slaHours)}`,
                position: 'insideTopRight',
              }}
            />
          )}
        </BarChart>
      )}
    </ChartFigure>
  );
};
