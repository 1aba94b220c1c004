import {
  epochDay,
  isoDate,
  monthOf,
  timestampText,
  weekday,
} from '../calendar';
import { Random, Weighted, WeightedTable } from '../random';
import { AS_OF_DATE, BusinessSize, FIRST_ORDER_DATE } from '../referenceData';
import { AccountRecord, AccountType } from './accounts';
import { buildTable, TableSpec } from './tableBuilder';

/** Order ids are 10_000_001, 10_000_002, ... in order of time. */
export const ORDER_ID_BASE = 10_000_000;

/** Orders per scale unit, spread over every account's active days. */
export const ORDERS_PER_SCALE = 20_000;

export type OrderStatus = 'completed' | 'pending' | 'cancelled' | 'returned';
export type Channel = 'web' | 'store' | 'partner';

export interface OrderRecord {
  orderId: number;
  account: AccountRecord;
  day: number;
  second: number;
  status: OrderStatus;
  channel: Channel;
}

/** Relative yearly order rate per account. */
const ORDER_RATE: Record<BusinessSize, number> = {
  Micro: 2.5,
  Small: 5,
  Medium: 10,
  Large: 18,
  Enterprise: 30,
};
const ACCOUNT_TYPE_FACTOR: Record<AccountType, number> = {
  trial: 0.5,
  standard: 1,
  premium: 1.4,
  enterprise: 1.6,
};

/** Sunday to Saturday: a business-to-business week. */
const WEEKDAY_FACTOR = [0.25, 1, 1.05, 1.05, 1, 0.9, 0.35];
/** January to December: a summer lull and a strong fourth quarter. */
const MONTH_FACTOR = [
  0.8, 0.9, 1.05, 1, 1, 1.05, 0.9, 0.8, 1.05, 1.1, 1.3, 1.35,
];
/** Black Friday and Cyber Monday promotions triple the day's orders. */
const PROMOTION_DAYS = ['2024-11-29', '2024-12-02', '2025-11-28', '2025-12-01'];
/** The web shop was down for most of this day. */
const OUTAGE_DAYS = ['2025-03-18'];

const CHANNELS: Record<BusinessSize, readonly Weighted<Channel>[]> = {
  Micro: [
    ['web', 75],
    ['store', 20],
    ['partner', 5],
  ],
  Small: [
    ['web', 60],
    ['store', 25],
    ['partner', 15],
  ],
  Medium: [
    ['web', 45],
    ['store', 20],
    ['partner', 35],
  ],
  Large: [
    ['web', 35],
    ['store', 10],
    ['partner', 55],
  ],
  Enterprise: [
    ['web', 25],
    ['store', 5],
    ['partner', 70],
  ],
};

/** Web orders come in at any hour, peaking in the working day and evening. */
const WEB_HOURS = new WeightedTable(
  Array.from({ length: 24 }, (_, hour): Weighted<number> => {
    if (hour < 7) return [hour, 1];
    if (hour < 10) return [hour, 3];
    if (hour < 18) return [hour, 6];
    return [hour, hour < 23 ? 5 : 2];
  }),
);

/**
 * The relative order volume of each day from {@link FIRST_ORDER_DATE}:
 * weekly and yearly seasonality, 30% growth per year, promotions and an
 * outage, so that daily summaries show recognisable patterns.
 */
function dayWeights(firstDay: number, lastDay: number): number[] {
  const promotions = new Set(PROMOTION_DAYS.map(epochDay));
  const outages = new Set(OUTAGE_DAYS.map(epochDay));
  const weights: number[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    let weight =
      WEEKDAY_FACTOR[weekday(day)] *
      MONTH_FACTOR[monthOf(day) - 1] *
      (1 + (0.3 * (day - firstDay)) / 365);
    if (promotions.has(day)) weight *= 3;
    if (outages.has(day)) weight *= 0.1;
    weights.push(weight);
  }
  return weights;
}

function orderStatus(random: Random, ageDays: number): OrderStatus {
  if (ageDays <= 7) {
    return random.pickWeighted<OrderStatus>([
      ['pending', 70],
      ['completed', 27],
      ['cancelled', 3],
    ]);
  }
  if (ageDays <= 30) {
    return random.pickWeighted<OrderStatus>([
      ['completed', 90],
      ['pending', 3],
      ['cancelled', 4],
      ['returned', 3],
    ]);
  }
  return random.pickWeighted<OrderStatus>([
    ['completed', 90.5],
    ['cancelled', 5],
    ['returned', 4.5],
  ]);
}

function orderSecond(random: Random, channel: Channel): number {
  let hour: number;
  if (channel === 'web') {
    hour = WEB_HOURS.pick(random);
  } else if (channel === 'store') {
    hour = random.int(9, 18);
  } else {
    hour = random.int(8, 16);
  }
  return hour * 3600 + random.int(0, 3599);
}

interface ActiveWindow {
  account: AccountRecord;
  firstDay: number;
  lastDay: number;
  weight: number;
}

/** The days an account can order on: from opening until the day before it closed. */
function activeWindows(
  accounts: readonly AccountRecord[],
  firstOrderDay: number,
  asOfDay: number,
): ActiveWindow[] {
  const windows: ActiveWindow[] = [];
  for (const account of accounts) {
    const firstDay = Math.max(account.openDay, firstOrderDay);
    const lastDay = account.closeDay === null ? asOfDay : account.closeDay - 1;
    if (lastDay < firstDay) continue;
    const weight =
      ORDER_RATE[account.customer.businessSize] *
      ACCOUNT_TYPE_FACTOR[account.accountType] *
      (lastDay - firstDay + 1);
    windows.push({ account, firstDay, lastDay, weight });
  }
  return windows;
}

/**
 * Generates about `targetCount` orders, shared among accounts by size, plan
 * and active days, each on a day drawn from the seasonal day weights.
 */
export function generateOrders(
  random: Random,
  accounts: readonly AccountRecord[],
  targetCount: number,
): OrderRecord[] {
  const firstOrderDay = epochDay(FIRST_ORDER_DATE);
  const asOfDay = epochDay(AS_OF_DATE);
  const weights = dayWeights(firstOrderDay, asOfDay);
  const maxWeight = Math.max(...weights);
  const windows = activeWindows(accounts, firstOrderDay, asOfDay);
  const totalWeight = windows.reduce((sum, window) => sum + window.weight, 0);

  const drafts: (Omit<OrderRecord, 'orderId'> & { sequence: number })[] = [];
  for (const window of windows) {
    const expected = (targetCount * window.weight) / totalWeight;
    const count = Math.floor(expected) + (random.chance(expected % 1) ? 1 : 0);
    for (let i = 0; i < count; i++) {
      // Rejection sampling keeps the day inside the window and on the curve.
      let day: number;
      do {
        day = random.int(window.firstDay, window.lastDay);
      } while (random.next() * maxWeight >= weights[day - firstOrderDay]);
      const channel = random.pickWeighted(
        CHANNELS[window.account.customer.businessSize],
      );
      drafts.push({
        account: window.account,
        day,
        second: orderSecond(random, channel),
        status: orderStatus(random, asOfDay - day),
        channel,
        sequence: drafts.length,
      });
    }
  }
  drafts.sort(
    (a, b) => a.day - b.day || a.second - b.second || a.sequence - b.sequence,
  );
  return drafts.map((draft, index) => ({
    orderId: ORDER_ID_BASE + index + 1,
    account: draft.account,
    day: draft.day,
    second: draft.second,
    status: draft.status,
    channel: draft.channel,
  }));
}

export const ORDERS_TABLE: TableSpec<OrderRecord> = {
  name: 'orders',
  description: `Sales orders from ${FIRST_ORDER_DATE} to ${AS_OF_DATE}.`,
  primaryKey: 'order_id',
  columns: [
    {
      name: 'order_id',
      type: 'BIGINT',
      description: 'Unique order id, increasing with order_ts.',
      value: o => o.orderId,
    },
    {
      name: 'customer_id',
      type: 'BIGINT',
      description:
        'The ordering customer (customers.customer_id); owner of the account.',
      value: o => o.account.customer.customerId,
    },
    {
      name: 'account_id',
      type: 'BIGINT',
      description:
        'The billed account (accounts.account_id), open on order_date.',
      value: o => o.account.accountId,
    },
    {
      name: 'order_date',
      type: 'DATE',
      description: 'The day the order was placed; the date of order_ts.',
      value: o => isoDate(o.day),
    },
    {
      name: 'order_ts',
      type: 'TIMESTAMP',
      description: 'When the order was placed.',
      value: o => timestampText(o.day, o.second),
    },
    {
      name: 'order_status',
      type: 'VARCHAR',
      description:
        'completed, pending, cancelled or returned; recent orders are mostly pending.',
      value: o => o.status,
    },
    {
      name: 'channel',
      type: 'VARCHAR',
      description: 'web, store or partner.',
      value: o => o.channel,
    },
    {
      name: 'currency',
      type: 'VARCHAR',
      description:
        'ISO 4217 currency of the order amounts, the account currency.',
      value: o => o.account.currency,
    },
  ],
};

export function ordersTable(orders: readonly OrderRecord[]) {
  return buildTable(ORDERS_TABLE, orders);
}
