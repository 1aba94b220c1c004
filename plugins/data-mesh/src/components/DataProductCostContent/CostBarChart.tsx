import { useTheme } from '@material-ui/core/styles';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ChartFigure, formatDbus, HatchPattern } from '../charts';
import type { CostBar } from './costFigures';

/** A horizontal line across a cost chart, e.g. the monthly budget. */
export interface CostLine {
  dbus: number;
  label: string;
}

/**
 * DBUs as bars, estimates hatched and billed figures solid, each with its
 * legend entry, so "estimated" does not rest on colour alone.
 */
export function CostBarChart<T extends CostBar>(props: {
  title: string;
  description: string;
  data: T[];
  /** The field the bars are laid out by, and how its ticks read. */
  category: keyof T & string;
  formatCategory: (value: any) => string;
  line?: CostLine;
  /** Distinguishes the hatch pattern of several charts on one page. */
  id: string;
}) {
  const theme = useTheme();
  const color = theme.palette.primary.main;
  const hatch = `${props.id}-estimated`;
  const highest = Math.max(
    props.line?.dbus ?? 0,
    ...props.data.map(d => d.dbus),
  );
  return (
    <ChartFigure title={props.title} description={props.description}>
      {({ width, height }) => (
        <BarChart
          width={width}
          height={height}
          data={props.data}
          margin={{ top: 16, right: 24, bottom: 8, left: 8 }}
        >
          <HatchPattern id={hatch} color={color} />
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey={props.category}
            tickFormatter={props.formatCategory}
          />
          <YAxis
            domain={[0, highest > 0 ? Math.ceil(highest * 1.1) : 1]}
            label={{ value: 'DBUs', angle: -90, position: 'insideLeft' }}
          />
          <Tooltip
            labelFormatter={props.formatCategory}
            formatter={(dbus: number, name: string) => [formatDbus(dbus), name]}
          />
          <Legend />
          <Bar
            dataKey="estimatedDbus"
            name="Estimated"
            stackId="dbus"
            fill={`url(#${hatch})`}
            stroke={color}
            isAnimationActive={false}
          />
          <Bar
            dataKey="billedDbus"
            name="Billed"
            stackId="dbus"
            fill={color}
            isAnimationActive={false}
          />
          {props.line && (
            <ReferenceLine
              y={props.line.dbus}
              stroke={theme.palette.error.main}
              strokeDasharray="6 3"
              label={{ value: props.line.label, position: 'insideTopRight' }}
            />
          )}
        </BarChart>
      )}
    </ChartFigure>
  );
}
