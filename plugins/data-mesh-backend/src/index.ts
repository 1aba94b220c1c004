/**
 * The Meshwork data-mesh backend plugin: data projects, previews, runs and
 * the engines that backend modules register.
 *
 * @packageDocumentation
 */

export { dataMeshPlugin as default } from './plugin';
