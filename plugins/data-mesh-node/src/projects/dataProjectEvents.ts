/**
 * The events topic on which a data project's files are said to have
 * changed (a commit from the portal's editor, a push): whoever derives
 * something from the files, such as the catalog's DataProduct provider,
 * reads the project again at once instead of at its next scheduled refresh.
 * Published through the Backstage `EventsService`
 * (`@backstage/plugin-events-node`) with a {@link DataProjectChangedEvent}
 * payload.
 *
 * @public
 */
export const DATA_PROJECT_CHANGED_TOPIC = 'data-mesh.project.changed';

/**
 * The payload of an event on {@link DATA_PROJECT_CHANGED_TOPIC}.
 *
 * @public
 */
export interface DataProjectChangedEvent {
  /** The data project's name: its catalog Component's `metadata.name`. */
  readonly project: string;
}
