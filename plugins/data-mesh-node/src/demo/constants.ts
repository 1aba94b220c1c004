import { AS_OF_DATE } from './referenceData';

/**
 * The seed used when none is given.
 *
 * @public
 */
export const DEMO_DEFAULT_SEED = 42;

/**
 * The fixed date the demo data is "as of": no customer, account or order
 * event lies after it, whatever day the data is generated on.
 *
 * @public
 */
export const DEMO_AS_OF_DATE = AS_OF_DATE;

/**
 * The schema the demo tables belong to.
 *
 * @public
 */
export const DEMO_SCHEMA = 'bronze';
