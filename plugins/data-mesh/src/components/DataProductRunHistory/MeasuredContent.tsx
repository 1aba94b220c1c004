import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { ReactElement } from 'react';
import type { ProjectDataset } from '../DataProductHealthCard/useMeasuredHealth';

/** The async state of what a tab measured, as react-use's useAsync gives it. */
export interface MeasuredState<T> {
  loading: boolean;
  error?: Error;
  value?: T;
}

/** The empty state of the measurement tabs, which says how to get a run. */
export const NoRunsMeasured = (props: {
  target: ProjectDataset;
  what: string;
}) => (
  <EmptyState
    missing="data"
    title="No runs measured yet"
    description={`${props.what} appear here after a job run writes ${props.target.dataset}. Its owning team starts one with "Run now" on the Runs tab of the ${props.target.project} data project (or the job's schedule runs it); the measurements are recorded as the run ends.`}
  />
);

/**
 * The states every measurement tab shares: a product no project publishes,
 * progress while loading, the error when loading failed, and the empty
 * state when nothing was measured yet; else the tab's own content.
 */
export function MeasuredContent<T>(props: {
  target: ProjectDataset | undefined;
  state: MeasuredState<T>;
  /** Whether the loaded value holds no measurement at all. */
  isEmpty: (value: T) => boolean;
  /** What the tab shows, for the empty state: e.g. `Quality results`. */
  what: string;
  children: (value: T, target: ProjectDataset) => ReactElement;
}): ReactElement {
  const { target, state } = props;
  if (!target) {
    return (
      <EmptyState
        missing="info"
        title="Not measured by Meshwork"
        description="This data product is not published from a data project, so no run measures it."
      />
    );
  }
  if (state.loading) {
    return <Progress />;
  }
  if (state.error) {
    return <ResponseErrorPanel error={state.error} />;
  }
  if (state.value === undefined || props.isEmpty(state.value)) {
    return <NoRunsMeasured target={target} what={props.what} />;
  }
  return props.children(state.value, target);
}
