import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import PersonIcon from '@material-ui/icons/Person';

const useStyles = makeStyles(theme => ({
  pii: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
    fontWeight: theme.typography.fontWeightBold as number,
  },
  icon: {
    color: 'inherit',
  },
}));

/** The accessible name of every PII marker, so assistive tools read one phrase. */
export const PII_LABEL = 'Personal data (PII)';

/**
 * Marks personal data. Colour alone would not reach everyone, so the chip
 * also carries a person icon, the visible word "PII" and an accessible name.
 */
export const PiiBadge = (props: { label?: string }) => {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      className={classes.pii}
      icon={<PersonIcon className={classes.icon} />}
      label={props.label ?? 'PII'}
      aria-label={PII_LABEL}
      title={PII_LABEL}
    />
  );
};
