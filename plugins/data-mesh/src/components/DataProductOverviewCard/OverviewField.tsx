import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';

const useStyles = makeStyles(theme => ({
  label: {
    color: theme.palette.text.secondary,
    textTransform: 'uppercase',
    fontSize: '10px',
    fontWeight: 'bold',
    letterSpacing: 0.5,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
  },
  value: {
    fontWeight: 'bold',
    overflow: 'hidden',
    lineHeight: '24px',
    wordBreak: 'break-word',
  },
}));

/**
 * One labelled fact of the overview, laid out like the catalog's About card.
 * It is a named group so that assistive tools read label and value together.
 */
export const OverviewField = (props: {
  label: string;
  children: ReactNode;
  gridSizes?: Record<string, number>;
}) => {
  const classes = useStyles();
  return (
    <Grid item {...(props.gridSizes ?? { xs: 12, sm: 6, lg: 4 })}>
      <div role="group" aria-label={props.label}>
        <Typography variant="h2" className={classes.label}>
          {props.label}
        </Typography>
        <Typography variant="body2" component="div" className={classes.value}>
          {props.children}
        </Typography>
      </div>
    </Grid>
  );
};
