import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  wordmark: {
    color: '#7df3e1',
    fontSize: 28,
    fontWeight: 700,
    letterSpacing: 0.5,
    lineHeight: '30px',
    whiteSpace: 'nowrap',
  },
});

/** The sidebar's wordmark when it is open. */
export const LogoFull = () => {
  const classes = useStyles();
  return <span className={classes.wordmark}>Meshwork</span>;
};
