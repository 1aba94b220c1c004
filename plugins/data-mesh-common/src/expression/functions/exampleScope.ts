import type { BindingScope } from '../scope';
import { SqlTypes } from '../types';

/**
 * The table the catalogue's aggregate and window examples read from. The
 * tests fill it with known rows and evaluate every example against it.
 *
 * @public
 */
export const FUNCTION_EXAMPLE_SCOPE: BindingScope = {
  inputs: [
    {
      alias: 'orders',
      columns: [
        { name: 'id', type: SqlTypes.int },
        { name: 'customer', type: SqlTypes.string },
        { name: 'quantity', type: SqlTypes.int },
        { name: 'price', type: SqlTypes.double },
        { name: 'amount', type: SqlTypes.decimal(10, 2) },
        { name: 'paid', type: SqlTypes.boolean },
        { name: 'order_date', type: SqlTypes.date },
      ],
    },
  ],
};
