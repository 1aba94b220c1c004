import { Link } from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme, useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { Budget } from '../../api';

/** The bar spans 0-125 % of the budget, so an overrun still shows. */
const SCALE = 1.25;
const MARKS = [0.8, 1];

const useStyles = makeStyles((theme: Theme) => ({
  budget: { marginBottom: theme.spacing(2) },
  heading: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    flexWrap: 'wrap',
  },
  track: {
    position: 'relative',
    height: 12,
    marginTop: theme.spacing(0.5),
    borderRadius: 6,
    background: theme.palette.action.hover,
  },
  fill: { height: '100%', borderRadius: 6 },
  mark: {
    position: 'absolute',
    top: -3,
    bottom: -3,
    width: 2,
    background: theme.palette.text.secondary,
  },
  marks: { position: 'relative', height: 16 },
  markLabel: {
    position: 'absolute',
    transform: 'translateX(-50%)',
    fontSize: '0.7rem',
    color: theme.palette.text.secondary,
  },
}));

/** Green below 80 %, amber from 80 %, red from 100 %: the alert thresholds. */
function useFillColor(ratio: number) {
  const { palette } = useTheme<Theme>();
  if (ratio >= 1) return palette.error.main;
  if (ratio >= 0.8) return palette.warning.main;
  return palette.success.main;
}

/** `group:default/sales-analytics` reads as `sales-analytics`. */
export function budgetLabel(budget: Budget): string {
  return budget.scope === 'team'
    ? budget.name.replace(/^group:default\//, '')
    : budget.name;
}

const BudgetGauge = ({ budget }: { budget: Budget }) => {
  const classes = useStyles();
  const color = useFillColor(budget.ratio);
  const percent = Math.round(budget.ratio * 100);
  const label = budgetLabel(budget);
  return (
    <div className={classes.budget}>
      <div className={classes.heading}>
        <Typography variant="body2">
          {budget.scope === 'team' ? 'Team ' : 'Project '}
          <Link to={budget.link}>{label}</Link>
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {formatDbus(budget.usedDbus)} of {formatDbus(budget.budgetDbus)} DBUs
          in {budget.month} ({percent} %)
        </Typography>
        {budget.estimated && (
          <Chip
            size="small"
            variant="outlined"
            label="estimated until billed"
          />
        )}
      </div>
      <div
        className={classes.track}
        role="progressbar"
        aria-label={`${label} budget for ${budget.month}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div
          className={classes.fill}
          style={{
            width: `${(Math.min(budget.ratio, SCALE) / SCALE) * 100}%`,
            background: color,
          }}
        />
        {MARKS.map(mark => (
          <div
            key={mark}
            className={classes.mark}
            style={{ left: `${(mark / SCALE) * 100}%` }}
          />
        ))}
      </div>
      <div className={classes.marks} aria-hidden>
        {MARKS.map(mark => (
          <span
            key={mark}
            className={classes.markLabel}
            style={{ left: `${(mark / SCALE) * 100}%` }}
          >
            {mark * 100} %
          </span>
        ))}
      </div>
    </div>
  );
};

/** Each budget's usage this month as a bar with its 80 % and 100 % marks. */
export const BudgetGauges = ({ budgets }: { budgets: Budget[] }) => (
  <>
    {budgets.map(budget => (
      <BudgetGauge key={`${budget.scope}:${budget.name}`} budget={budget} />
    ))}
  </>
);

function formatDbus(dbus: number): string {
  return dbus.toLocaleString('en-US', { maximumFractionDigits: 1 });
}
