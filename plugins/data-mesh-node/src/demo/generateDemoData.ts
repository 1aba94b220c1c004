import { accountsTable, generateAccounts } from './generators/accounts';
import { customersTable, generateCustomers } from './generators/customers';
import { generateOrderLines, orderLinesTable } from './generators/orderLines';
import {
  generateOrders,
  ORDERS_PER_SCALE,
  ordersTable,
} from './generators/orders';
import {
  generateProducts,
  productCount,
  productsTable,
} from './generators/products';
import { createRandom } from './random';
import { AS_OF_DATE } from './referenceData';
import { DEMO_DEFAULT_SEED, DEMO_SCHEMA } from './constants';
import { DemoData, GenerateDemoDataOptions } from './types';

const CUSTOMERS_PER_SCALE = 1_000;

/** Throws unless the seed and scale are usable; shared with the seeder and CLI. */
export function validateDemoOptions(seed: number, scale: number): void {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new Error(`seed must be a non-negative integer, got ${seed}`);
  }
  if (!Number.isSafeInteger(scale) || scale < 1) {
    throw new Error(`scale must be a positive integer, got ${scale}`);
  }
}

/**
 * Generates the bronze tables of the Hello World sales project: customers,
 * accounts, products, orders and order_lines.
 *
 * The result depends only on the seed and scale: the same options give
 * identical rows, and so an identical {@link demoDataChecksum}, on any
 * machine and any day. Scale 1 is about 1,000 customers, 1,300 accounts,
 * 200 products, 20,000 orders and 60,000 order lines; scale N multiplies
 * all but products by N.
 *
 * @public
 */
export function generateDemoData(
  options: GenerateDemoDataOptions = {},
): DemoData {
  const { seed = DEMO_DEFAULT_SEED, scale = 1 } = options;
  validateDemoOptions(seed, scale);
  const random = createRandom(seed);

  const customers = generateCustomers(
    random.fork('customers'),
    CUSTOMERS_PER_SCALE * scale,
  );
  const accounts = generateAccounts(random.fork('accounts'), customers);
  const products = generateProducts(
    random.fork('products'),
    productCount(scale),
  );
  const orders = generateOrders(
    random.fork('orders'),
    accounts,
    ORDERS_PER_SCALE * scale,
  );
  const orderLines = generateOrderLines(
    random.fork('order_lines'),
    orders,
    products,
  );

  return {
    seed,
    scale,
    asOfDate: AS_OF_DATE,
    schema: DEMO_SCHEMA,
    tables: [
      customersTable(customers),
      accountsTable(accounts),
      productsTable(products),
      ordersTable(orders),
      orderLinesTable(orderLines),
    ],
  };
}
