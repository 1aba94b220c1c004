import { epochDay } from '../calendar';
import { formatCents } from '../columnValues';
import { Random, Weighted, WeightedTable } from '../random';
import {
  BusinessSize,
  Currency,
  DISCONTINUATION_DATE,
  USD_TO_CURRENCY,
} from '../referenceData';
import { AccountType } from './accounts';
import { OrderRecord } from './orders';
import { ProductRecord } from './products';
import { buildTable, TableSpec } from './tableBuilder';

/** Order line ids are 100_000_001, 100_000_002, ... in order id order. */
export const ORDER_LINE_ID_BASE = 100_000_000;

export interface OrderLineRecord {
  orderLineId: number;
  order: OrderRecord;
  lineNumber: number;
  product: ProductRecord;
  quantity: number;
  /** Unit price in hundredths of the order currency. */
  unitPriceCents: number;
  /** Discount in hundredths of a percent: 1250 is 12.50%. */
  discountBasisPoints: number;
  lineAmountCents: number;
}

/*
 * Unit prices (one per product and currency) and discounts repeat across
 * hundreds of thousands of lines; sharing their text saves the allocations.
 */
const repeatedCentsText = new Map<number, string>();
function sharedCentsText(cents: number): string {
  let text = repeatedCentsText.get(cents);
  if (text === undefined) {
    text = formatCents(cents);
    repeatedCentsText.set(cents, text);
  }
  return text;
}

/** Lines per order, about three on average. */
const LINE_COUNTS: readonly Weighted<number>[] = [
  [1, 25],
  [2, 22],
  [3, 18],
  [4, 14],
  [5, 10],
  [6, 6],
  [7, 3],
  [8, 2],
];

const QUANTITY_RANGE: Record<BusinessSize, readonly [number, number]> = {
  Micro: [1, 3],
  Small: [1, 5],
  Medium: [1, 10],
  Large: [2, 25],
  Enterprise: [5, 60],
};

/** Discounts (basis points of a percent) grow with the plan. */
const DISCOUNTS: Record<AccountType, readonly Weighted<number>[]> = {
  trial: [
    [0, 95],
    [1000, 5],
  ],
  standard: [
    [0, 70],
    [250, 10],
    [500, 15],
    [1000, 5],
  ],
  premium: [
    [0, 50],
    [500, 20],
    [1000, 20],
    [1500, 10],
  ],
  enterprise: [
    [0, 30],
    [500, 15],
    [1000, 20],
    [1250, 10],
    [1500, 15],
    [2000, 7],
    [2500, 3],
  ],
};

/**
 * The unit price in the order currency: the USD list price at the fixed
 * demo exchange rate, in whole yen for JPY.
 */
export function unitPriceIn(currency: Currency, usdCents: number): number {
  if (currency === 'JPY') {
    return Math.round((usdCents * USD_TO_CURRENCY.JPY) / 100) * 100;
  }
  return Math.round(usdCents * USD_TO_CURRENCY[currency]);
}

/**
 * quantity × unit price × (1 − discount), rounded half up to the cent, in
 * integers so that no float rounding can creep in.
 */
export function lineAmountCents(
  quantity: number,
  unitPriceCents: number,
  discountBasisPoints: number,
): number {
  const scaled = quantity * unitPriceCents * (10_000 - discountBasisPoints);
  return Math.floor((scaled + 5_000) / 10_000);
}

function quantityFor(
  random: Random,
  size: BusinessSize,
  product: ProductRecord,
): number {
  if (product.category.name === 'Services') {
    return random.int(1, 3);
  }
  const [min, max] = QUANTITY_RANGE[size];
  // The smaller of two draws: most orders are at the low end of the range.
  return Math.min(random.int(min, max), random.int(min, max));
}

/**
 * Generates each order's lines: distinct popular products (discontinued
 * ones only before {@link DISCONTINUATION_DATE}), quantities by business
 * size and discounts by plan.
 */
export function generateOrderLines(
  random: Random,
  orders: readonly OrderRecord[],
  products: readonly ProductRecord[],
): OrderLineRecord[] {
  const byPopularity = (candidates: readonly ProductRecord[]) =>
    new WeightedTable(candidates.map(p => [p, p.popularity] as const));
  const allProducts = byPopularity(products);
  const activeProducts = byPopularity(products.filter(p => p.isActive));
  const discontinuationDay = epochDay(DISCONTINUATION_DATE);

  const lines: OrderLineRecord[] = [];
  for (const order of orders) {
    const catalogue =
      order.day < discontinuationDay ? allProducts : activeProducts;
    const { account } = order;
    const chosen = new Set<ProductRecord>();
    const wanted = random.pickWeighted(LINE_COUNTS);
    // A repeat pick is dropped, so orders rarely fall short of `wanted`.
    for (
      let attempt = 0;
      attempt < wanted * 3 && chosen.size < wanted;
      attempt++
    ) {
      chosen.add(catalogue.pick(random));
    }
    let lineNumber = 0;
    for (const product of chosen) {
      const quantity = quantityFor(
        random,
        account.customer.businessSize,
        product,
      );
      const unitPriceCents = unitPriceIn(account.currency, product.priceCents);
      const discountBasisPoints = random.pickWeighted(
        DISCOUNTS[account.accountType],
      );
      lineNumber++;
      lines.push({
        orderLineId: ORDER_LINE_ID_BASE + lines.length + 1,
        order,
        lineNumber,
        product,
        quantity,
        unitPriceCents,
        discountBasisPoints,
        lineAmountCents: lineAmountCents(
          quantity,
          unitPriceCents,
          discountBasisPoints,
        ),
      });
    }
  }
  return lines;
}

export const ORDER_LINES_TABLE: TableSpec<OrderLineRecord> = {
  name: 'order_lines',
  description: 'Order lines: one product, its quantity, price and discount.',
  primaryKey: 'order_line_id',
  columns: [
    {
      name: 'order_line_id',
      type: 'BIGINT',
      description: 'Unique order line id.',
      value: l => l.orderLineId,
    },
    {
      name: 'order_id',
      type: 'BIGINT',
      description: 'The order (orders.order_id).',
      value: l => l.order.orderId,
    },
    {
      name: 'line_number',
      type: 'INTEGER',
      description: 'Position within the order, from 1.',
      value: l => l.lineNumber,
    },
    {
      name: 'product_id',
      type: 'BIGINT',
      description:
        'The product (products.product_id); distinct within an order.',
      value: l => l.product.productId,
    },
    {
      name: 'quantity',
      type: 'INTEGER',
      description: 'Units ordered, at least 1.',
      value: l => l.quantity,
    },
    {
      name: 'unit_price',
      type: 'DECIMAL(10,2)',
      description:
        'Price per unit in the order currency: the USD list price at a fixed exchange rate.',
      value: l => sharedCentsText(l.unitPriceCents),
    },
    {
      name: 'discount_pct',
      type: 'DECIMAL(5,2)',
      description: 'Discount in percent, 0.00 to 25.00.',
      value: l => sharedCentsText(l.discountBasisPoints),
    },
    {
      name: 'line_amount',
      type: 'DECIMAL(12,2)',
      description:
        'quantity * unit_price * (1 - discount_pct / 100) in exact decimal arithmetic, rounded half up to cents; in the order currency.',
      value: l => formatCents(l.lineAmountCents),
    },
  ],
};

export function orderLinesTable(lines: readonly OrderLineRecord[]) {
  return buildTable(ORDER_LINES_TABLE, lines);
}
