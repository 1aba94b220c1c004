import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactElement } from 'react';
import useMeasure from 'react-use/esm/useMeasure';

const useStyles = makeStyles(theme => ({
  figure: {
    margin: 0,
  },
  caption: {
    marginBottom: theme.spacing(1),
  },
  frame: {
    width: '100%',
  },
}));

/**
 * The width charts are drawn at before the page is measured, and where it
 * cannot be (jsdom has no layout, so component tests see this width).
 */
export const FALLBACK_CHART_WIDTH = 640;

/** The size a chart is drawn at. */
export interface ChartSize {
  width: number;
  height: number;
}

/**
 * A chart as a figure named by its caption, so assistive technology and
 * tests find it by name, drawn at the width of its container. Measuring
 * here rather than with recharts' ResponsiveContainer keeps one code path
 * for browsers and jsdom, which has no ResizeObserver.
 */
export const ChartFigure = (props: {
  title: string;
  /** One sentence on how to read the chart, under its title. */
  description?: string;
  height?: number;
  children: (size: ChartSize) => ReactElement;
}) => {
  const classes = useStyles();
  const [ref, { width }] = useMeasure<HTMLDivElement>();
  const size = {
    width: width > 0 ? width : FALLBACK_CHART_WIDTH,
    height: props.height ?? 300,
  };
  return (
    <figure className={classes.figure} aria-label={props.title}>
      <figcaption className={classes.caption}>
        <Typography variant="h6" component="span" display="block">
          {props.title}
        </Typography>
        {props.description && (
          <Typography variant="body2" color="textSecondary" component="span">
            {props.description}
          </Typography>
        )}
      </figcaption>
      <div ref={ref} className={classes.frame}>
        {props.children(size)}
      </div>
    </figure>
  );
};
