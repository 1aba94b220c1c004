/** The Backstage plugin id shared by every Meshwork package. @public */
export const DATA_MESH_PLUGIN_ID = 'data-mesh';

/** The API group of Meshwork's own catalog kinds. @public */
export const DATA_MESH_API_VERSION = 'meshwork.io/v1alpha1';

/** `spec.type` of the Component that stands for a data project. @public */
export const DATA_PROJECT_COMPONENT_TYPE = 'data-project';

/**
 * Points a data project at its repository: a URL for a remote git repository,
 * or a path (relative to the portal's workspace) for a local one.
 * @public
 */
export const ANNOTATION_PROJECT_REPO = 'meshwork.io/project-repo';

/** Relation from a DataProduct to the data project that produces it. @public */
export const RELATION_PRODUCED_BY = 'producedBy';
/** Reverse of {@link RELATION_PRODUCED_BY}. @public */
export const RELATION_PRODUCES = 'produces';

/**
 * Relation from a DataProduct to a team (a Group) with an approved
 * subscription to it.
 * @public
 */
export const RELATION_SUBSCRIBED_BY = 'subscribedBy';
/** Reverse of {@link RELATION_SUBSCRIBED_BY}. @public */
export const RELATION_SUBSCRIBES_TO = 'subscribesTo';
