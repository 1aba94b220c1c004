import { epochDay, isoDate } from '../calendar';
import { Random, Weighted } from '../random';
import { AS_OF_DATE, BusinessSize, Currency } from '../referenceData';
import { CustomerRecord } from './customers';
import { buildTable, TableSpec } from './tableBuilder';

/** Account ids are 2_000_001, 2_000_002, ... in order of opening. */
export const ACCOUNT_ID_BASE = 2_000_000;

export const ACCOUNT_TYPES = [
  'trial',
  'standard',
  'premium',
  'enterprise',
] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

/** Flags in the fixed order they are listed in `account_flags`. */
export const ACCOUNT_FLAGS = [
  'autopay',
  'paperless',
  'net30',
  'tax_exempt',
  'vip',
  'credit_hold',
] as const;

export interface AccountRecord {
  accountId: number;
  customer: CustomerRecord;
  accountType: AccountType;
  currency: Currency;
  openDay: number;
  /** The day the account closed, or null while it is open. */
  closeDay: number | null;
  flags: string[];
}

/** Paid plans by size: small businesses buy standard, big ones enterprise. */
const PAID_TYPES: Record<BusinessSize, readonly Weighted<AccountType>[]> = {
  Micro: [
    ['standard', 85],
    ['premium', 15],
  ],
  Small: [
    ['standard', 65],
    ['premium', 35],
  ],
  Medium: [
    ['standard', 40],
    ['premium', 50],
    ['enterprise', 10],
  ],
  Large: [
    ['standard', 15],
    ['premium', 45],
    ['enterprise', 40],
  ],
  Enterprise: [
    ['premium', 25],
    ['enterprise', 75],
  ],
};

/** Chance that a customer starts on a trial instead of a paid plan. */
const TRIAL_START: Record<BusinessSize, number> = {
  Micro: 0.2,
  Small: 0.15,
  Medium: 0.08,
  Large: 0.04,
  Enterprise: 0.02,
};
const TRIAL_CONVERSION = 0.7;

/** Chances of a second, third and fourth paid account (each given the previous). */
const EXTRA_ACCOUNTS: Record<BusinessSize, readonly number[]> = {
  Micro: [0.05],
  Small: [0.12],
  Medium: [0.2],
  Large: [0.4, 0.15],
  Enterprise: [0.6, 0.35, 0.2],
};

/** Chance an account carries the vip flag. */
const VIP_CHANCE: Record<BusinessSize, number> = {
  Micro: 0,
  Small: 0,
  Medium: 0,
  Large: 0.15,
  Enterprise: 0.5,
};

/** Chance a paid account has been closed (churned) by the as-of date. */
const CHURN: Record<BusinessSize, number> = {
  Micro: 0.3,
  Small: 0.22,
  Medium: 0.15,
  Large: 0.1,
  Enterprise: 0.06,
};

interface Draft extends Omit<AccountRecord, 'accountId'> {
  /** Position among the customer's accounts, to order same-day openings. */
  ordinal: number;
}

function flagsFor(random: Random, draft: Omit<Draft, 'flags'>): string[] {
  const { customer, accountType, closeDay } = draft;
  const publicBody =
    customer.sector === 'Public Sector' || customer.sector === 'Education';
  const chances: Record<(typeof ACCOUNT_FLAGS)[number], number> = {
    autopay: accountType === 'trial' ? 0.1 : 0.45,
    paperless: 0.6,
    net30: accountType === 'premium' || accountType === 'enterprise' ? 0.5 : 0,
    tax_exempt: publicBody ? 0.7 : 0.02,
    vip: VIP_CHANCE[customer.businessSize],
    credit_hold: closeDay === null ? 0.03 : 0.12,
  };
  return ACCOUNT_FLAGS.filter(flag => random.chance(chances[flag]));
}

function paidCloseDay(
  random: Random,
  customer: CustomerRecord,
  openDay: number,
  asOfDay: number,
): number | null {
  // Only accounts older than four months can have churned, at least
  // 90 days after opening.
  if (openDay > asOfDay - 120 || !random.chance(CHURN[customer.businessSize])) {
    return null;
  }
  return random.int(openDay + 90, asOfDay);
}

function customerAccounts(
  random: Random,
  customer: CustomerRecord,
  asOfDay: number,
): Omit<Draft, 'flags'>[] {
  const drafts: Omit<Draft, 'flags'>[] = [];
  const size = customer.businessSize;
  const add = (
    accountType: AccountType,
    openDay: number,
    closeDay: number | null,
    currency: Currency = customer.country.currency,
  ) =>
    drafts.push({
      customer,
      accountType,
      currency,
      openDay,
      closeDay,
      ordinal: drafts.length,
    });

  let paidOpenDay = customer.createdDay;
  if (random.chance(TRIAL_START[size])) {
    const trialEnd = customer.createdDay + random.int(14, 45);
    add('trial', customer.createdDay, trialEnd <= asOfDay ? trialEnd : null);
    if (trialEnd > asOfDay || !random.chance(TRIAL_CONVERSION)) {
      return drafts; // still trialling, or never converted
    }
    paidOpenDay = trialEnd;
  }
  const firstType = random.pickWeighted(PAID_TYPES[size]);
  add(
    firstType,
    paidOpenDay,
    paidCloseDay(random, customer, paidOpenDay, asOfDay),
  );

  // Further accounts (another department, another currency) come later.
  for (const chance of EXTRA_ACCOUNTS[size]) {
    const earliest = paidOpenDay + 30;
    const latest = asOfDay - 14;
    if (earliest > latest || !random.chance(chance)) {
      break;
    }
    const openDay = random.int(earliest, latest);
    add(
      random.pickWeighted(PAID_TYPES[size]),
      openDay,
      paidCloseDay(random, customer, openDay, asOfDay),
      random.chance(0.2) ? 'USD' : customer.country.currency,
    );
  }
  return drafts;
}

/**
 * Generates the accounts of every customer: an optional trial (most convert
 * into a paid account the day the trial ends), a first paid account and,
 * for bigger businesses, further accounts. Ids follow opening order.
 */
export function generateAccounts(
  random: Random,
  customers: readonly CustomerRecord[],
): AccountRecord[] {
  const asOfDay = epochDay(AS_OF_DATE);
  const drafts: Draft[] = customers
    .flatMap(customer => customerAccounts(random, customer, asOfDay))
    .map(draft => ({ ...draft, flags: flagsFor(random, draft) }));
  drafts.sort(
    (a, b) =>
      a.openDay - b.openDay ||
      a.customer.customerId - b.customer.customerId ||
      a.ordinal - b.ordinal,
  );
  return drafts.map(({ ordinal: _ordinal, ...draft }, index) => ({
    ...draft,
    accountId: ACCOUNT_ID_BASE + index + 1,
  }));
}

export const ACCOUNTS_TABLE: TableSpec<AccountRecord> = {
  name: 'accounts',
  description:
    'Billing accounts. A customer has one or more; trials usually convert into a paid account.',
  primaryKey: 'account_id',
  columns: [
    {
      name: 'account_id',
      type: 'BIGINT',
      description: 'Unique account id, increasing with the opening date.',
      value: a => a.accountId,
    },
    {
      name: 'customer_id',
      type: 'BIGINT',
      description: 'The owning customer (customers.customer_id).',
      value: a => a.customer.customerId,
    },
    {
      name: 'account_type',
      type: 'VARCHAR',
      description: 'trial, standard, premium or enterprise.',
      value: a => a.accountType,
    },
    {
      name: 'currency',
      type: 'VARCHAR',
      description: 'ISO 4217 billing currency of the account and its orders.',
      value: a => a.currency,
    },
    {
      name: 'account_open_date',
      type: 'DATE',
      description: 'The day the account was opened.',
      value: a => isoDate(a.openDay),
    },
    {
      name: 'account_close_date',
      type: 'DATE',
      nullable: true,
      description: 'The day the account was closed; NULL while it is open.',
      value: a => (a.closeDay === null ? null : isoDate(a.closeDay)),
    },
    {
      name: 'status',
      type: 'VARCHAR',
      description: 'open or closed, consistent with account_close_date.',
      value: a => (a.closeDay === null ? 'open' : 'closed'),
    },
    {
      name: 'account_flags',
      type: 'VARCHAR',
      nullable: true,
      description: `Comma-separated flags from ${ACCOUNT_FLAGS.join(
        ', ',
      )}; NULL when none.`,
      value: a => (a.flags.length > 0 ? a.flags.join(',') : null),
    },
  ],
};

export function accountsTable(accounts: readonly AccountRecord[]) {
  return buildTable(ACCOUNTS_TABLE, accounts);
}
