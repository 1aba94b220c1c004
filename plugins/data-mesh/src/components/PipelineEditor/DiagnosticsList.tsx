import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import type { EditorDiagnostic } from './usePipelineEditor';

/** The file's problems, each at its line and column. */
export const DiagnosticsList = (props: {
  diagnostics: readonly EditorDiagnostic[];
}) => {
  if (props.diagnostics.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary" role="status">
        No problems found.
      </Typography>
    );
  }
  return (
    <List dense aria-label="Problems">
      {props.diagnostics.map((d, index) => (
        <ListItem key={index} disableGutters>
          <ListItemText
            primary={
              <Typography
                variant="body2"
                color={d.severity === 'error' ? 'error' : 'textPrimary'}
              >
                {`${d.line}:${d.column} ${d.severity}: ${d.message}`}
              </Typography>
            }
            secondary={d.path || undefined}
          />
        </ListItem>
      ))}
    </List>
  );
};
