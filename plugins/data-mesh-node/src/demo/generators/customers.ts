import { epochDay, timestampText } from '../calendar';
import { Random, WeightedTable } from '../random';
import {
  AS_OF_DATE,
  BUSINESS_SIZES,
  BusinessSize,
  COUNTRIES,
  Country,
  EMAIL_DOMAINS,
  EMPLOYEE_RANGES,
  FIRST_CUSTOMER_DATE,
  FIRST_NAMES,
  LAST_NAMES,
  SECTOR_WEIGHTS,
  SIZE_WEIGHTS_BY_SECTOR,
  Sector,
} from '../referenceData';
import { buildTable, TableSpec } from './tableBuilder';

/** Customer ids are 1_000_001, 1_000_002, ... (see ids in the README). */
export const CUSTOMER_ID_BASE = 1_000_000;

/**
 * The deliberate data-quality problems in `customers`, as shares of all
 * customers. Each is an exact count (the share rounded, at least one), and
 * no customer has more than one email problem:
 *
 * - `nullEmail`: email is NULL.
 * - `malformedEmail`: email breaks the address syntax in one of five ways.
 * - `caseVariantEmail`: a customer registered twice: same name as an
 *   earlier customer and the same email in different letter case, under a
 *   new customer_id. customer_id stays unique; lower(email) does not.
 * - `reformattedPhone`: phone written nationally or with separators instead
 *   of E.164 (`+14155550123`).
 */
export const CUSTOMER_DIRT = {
  nullEmail: 0.02,
  malformedEmail: 0.005,
  caseVariantEmail: 0.005,
  reformattedPhone: 0.15,
} as const;

/** The exact number of rows a dirt share applies to. */
export function dirtCount(share: number, population: number): number {
  return Math.max(1, Math.round(share * population));
}

export interface CustomerRecord {
  customerId: number;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string;
  businessSize: BusinessSize;
  employeeCount: number;
  sector: Sector;
  country: Country;
  region: string;
  createdDay: number;
  createdSecond: number;
}

const ENTERPRISE_EMPLOYEE_BANDS = new WeightedTable<readonly [number, number]>([
  [[1_000, 4_999], 60],
  [[5_000, 19_999], 28],
  [[20_000, 99_999], 10],
  [[100_000, 250_000], 2],
]);

const COUNTRY_TABLE = new WeightedTable(
  COUNTRIES.map(entry => [entry, entry.weight] as const),
);
const SECTOR_TABLE = new WeightedTable(SECTOR_WEIGHTS);
const SIZE_TABLES = new Map(
  SECTOR_WEIGHTS.map(([sector]) => [
    sector,
    new WeightedTable(
      BUSINESS_SIZES.map(
        (size, index) => [size, SIZE_WEIGHTS_BY_SECTOR[sector][index]] as const,
      ),
    ),
  ]),
);

function employeeCount(random: Random, size: BusinessSize): number {
  const [min, max] =
    size === 'Enterprise'
      ? ENTERPRISE_EMPLOYEE_BANDS.pick(random)
      : EMPLOYEE_RANGES[size];
  return random.int(min, max);
}

/** Sign-ups grow over time: later days are up to 2.5 times as likely. */
function signUpDay(random: Random, first: number, last: number): number {
  for (;;) {
    const day = random.int(first, last);
    if (random.next() < 0.4 + (0.6 * (day - first)) / (last - first)) {
      return day;
    }
  }
}

/** Mostly office hours, as seconds into the day. */
function officeHoursSecond(random: Random): number {
  const hour = random.chance(0.85) ? random.int(8, 17) : random.int(0, 23);
  return hour * 3600 + random.int(0, 3599);
}

/** The national significant number; US and Canada use the 555-01xx fiction range. */
function nationalNumber(random: Random, country: Country): string {
  if (country.callingCode === '1') {
    return `${random.int(201, 989)}5550${random.int(100, 199)}`;
  }
  let digits = String(random.int(1, 9));
  while (digits.length < country.nationalDigits) {
    digits += String(random.int(0, 9));
  }
  return digits;
}

function reformattedPhone(
  random: Random,
  country: Country,
  national: string,
): string {
  if (country.callingCode === '1') {
    const [area, exchange, line] = [
      national.slice(0, 3),
      national.slice(3, 6),
      national.slice(6),
    ];
    return random.pick([
      `(${area}) ${exchange}-${line}`,
      `${area}-${exchange}-${line}`,
      `${area}.${exchange}.${line}`,
      `1-${area}-${exchange}-${line}`,
    ]);
  }
  const grouped = `${national.slice(0, 3)} ${national.slice(
    3,
    6,
  )} ${national.slice(6)}`;
  return random.pick([
    `+${country.callingCode} ${grouped}`,
    `00${country.callingCode}${national}`,
    `0${grouped}`,
  ]);
}

/** `José O'Brien` → `jose`, `obrien`: letters and digits only. */
function emailPart(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

function malformedEmail(email: string, variant: number): string {
  const [local, domain] = email.split('@');
  switch (variant % 5) {
    case 0:
      return `${local}.${domain}`; // no @
    case 1:
      return `${local}@@${domain}`;
    case 2:
      return `${local}@${domain.split('.')[0]}`; // no top-level domain
    case 3:
      return `${local.replace('.', ' ')}@${domain}`; // embedded space
    default:
      return `@${domain}`; // no local part
  }
}

function caseVariantEmail(email: string, variant: number): string {
  const [local, domain] = email.split('@');
  const capitalised = local.replace(
    /(^|\.)([a-z])/g,
    (_, dot, letter) => `${dot}${letter.toUpperCase()}`,
  );
  switch (variant % 3) {
    case 0:
      return email.toUpperCase();
    case 1:
      return `${capitalised}@${domain}`;
    default:
      return `${local}@${domain.toUpperCase()}`;
  }
}

interface Draft extends Omit<CustomerRecord, 'customerId' | 'email' | 'phone'> {
  nationalNumber: string;
}

function draftCustomer(
  random: Random,
  firstDay: number,
  lastDay: number,
): Draft {
  const sector = SECTOR_TABLE.pick(random);
  const businessSize = SIZE_TABLES.get(sector)!.pick(random);
  const country = COUNTRY_TABLE.pick(random);
  return {
    firstName: random.pick(FIRST_NAMES),
    lastName: random.pick(LAST_NAMES),
    businessSize,
    employeeCount: employeeCount(random, businessSize),
    sector,
    country,
    region: random.pickWeighted(country.regions),
    createdDay: signUpDay(random, firstDay, lastDay),
    createdSecond: officeHoursSecond(random),
    nationalNumber: nationalNumber(random, country),
  };
}

/**
 * Generates `count` customers with ids in sign-up order, then applies the
 * {@link CUSTOMER_DIRT} problems to exact, randomly chosen customers.
 */
export function generateCustomers(
  random: Random,
  count: number,
): CustomerRecord[] {
  // Nobody signs up in the last ten days, so every customer can order.
  const firstDay = epochDay(FIRST_CUSTOMER_DATE);
  const lastDay = epochDay(AS_OF_DATE) - 10;
  const drafts = Array.from({ length: count }, () =>
    draftCustomer(random, firstDay, lastDay),
  ).sort(
    (a, b) => a.createdDay - b.createdDay || a.createdSecond - b.createdSecond,
  );

  const usedEmails = new Set<string>();
  const customers = drafts.map((draft, index): CustomerRecord => {
    const { nationalNumber: national, ...fields } = draft;
    const local = `${emailPart(draft.firstName)}.${emailPart(draft.lastName)}`;
    const domain = random.pick(EMAIL_DOMAINS);
    let email = `${local}@${domain}`;
    for (let suffix = 2; usedEmails.has(email); suffix++) {
      email = `${local}${suffix}@${domain}`;
    }
    usedEmails.add(email);
    return {
      ...fields,
      customerId: CUSTOMER_ID_BASE + index + 1,
      email,
      phone: `+${draft.country.callingCode}${national}`,
    };
  });

  applyEmailDirt(random, customers);

  const reformatted = random
    .shuffle(customers.map((_, index) => index))
    .slice(0, dirtCount(CUSTOMER_DIRT.reformattedPhone, count));
  for (const index of reformatted) {
    const customer = customers[index];
    customer.phone = reformattedPhone(
      random,
      customer.country,
      drafts[index].nationalNumber,
    );
  }
  return customers;
}

function applyEmailDirt(random: Random, customers: CustomerRecord[]): void {
  const count = customers.length;
  const shuffled = random.shuffle(customers.map((_, index) => index));
  const nullCount = dirtCount(CUSTOMER_DIRT.nullEmail, count);
  const malformedCount = dirtCount(CUSTOMER_DIRT.malformedEmail, count);
  const variantCount = dirtCount(CUSTOMER_DIRT.caseVariantEmail, count);
  const nulls = shuffled.slice(0, nullCount);
  const malformed = shuffled.slice(nullCount, nullCount + malformedCount);
  const variants = shuffled.slice(
    nullCount + malformedCount,
    nullCount + malformedCount + variantCount,
  );
  // Originals come from customers no other problem touches.
  const clean = shuffled
    .slice(nullCount + malformedCount + variantCount)
    .sort((a, b) => a - b);

  for (const index of nulls) {
    customers[index].email = null;
  }
  malformed.forEach((index, variant) => {
    customers[index].email = malformedEmail(customers[index].email!, variant);
  });
  const usedOriginals = new Set<number>();
  variants.forEach((index, variant) => {
    const original = pickOriginal(random, clean, index, usedOriginals);
    usedOriginals.add(original);
    const source = customers[original];
    const duplicate = customers[index];
    duplicate.firstName = source.firstName;
    duplicate.lastName = source.lastName;
    duplicate.email = caseVariantEmail(source.email!, variant);
  });
}

/** A clean customer who signed up before `index`, when there is one. */
function pickOriginal(
  random: Random,
  clean: readonly number[],
  index: number,
  used: ReadonlySet<number>,
): number {
  const earlier = clean.filter(
    candidate => candidate < index && !used.has(candidate),
  );
  const candidates =
    earlier.length > 0
      ? earlier
      : clean.filter(candidate => !used.has(candidate));
  return random.pick(candidates);
}

export const CUSTOMERS_TABLE: TableSpec<CustomerRecord> = {
  name: 'customers',
  description:
    'Business customers of the Hello World sales project, one row per registration.',
  primaryKey: 'customer_id',
  columns: [
    {
      name: 'customer_id',
      type: 'BIGINT',
      description: 'Unique customer id, increasing with sign-up time.',
      value: c => c.customerId,
    },
    {
      name: 'first_name',
      type: 'VARCHAR',
      description: 'First name of the primary contact.',
      value: c => c.firstName,
    },
    {
      name: 'last_name',
      type: 'VARCHAR',
      description: 'Last name of the primary contact.',
      value: c => c.lastName,
    },
    {
      name: 'customer_name',
      type: 'VARCHAR',
      description: 'Full name of the primary contact: first_name last_name.',
      value: c => `${c.firstName} ${c.lastName}`,
    },
    {
      name: 'email',
      type: 'VARCHAR',
      nullable: true,
      description:
        'Contact email. About 2% NULL, some malformed, a few duplicated in different letter case.',
      value: c => c.email,
    },
    {
      name: 'phone',
      type: 'VARCHAR',
      description:
        'Contact phone, mostly E.164; some in national or separated formats.',
      value: c => c.phone,
    },
    {
      name: 'business_size',
      type: 'VARCHAR',
      description:
        'Micro, Small, Medium, Large or Enterprise, by employee count.',
      value: c => c.businessSize,
    },
    {
      name: 'employee_count',
      type: 'INTEGER',
      description: 'Number of employees; consistent with business_size.',
      value: c => c.employeeCount,
    },
    {
      name: 'sector',
      type: 'VARCHAR',
      description: 'Industry sector.',
      value: c => c.sector,
    },
    {
      name: 'country_code',
      type: 'VARCHAR',
      description: 'ISO 3166-1 alpha-2 country code.',
      value: c => c.country.code,
    },
    {
      name: 'country',
      type: 'VARCHAR',
      description: 'Country name.',
      value: c => c.country.name,
    },
    {
      name: 'geography',
      type: 'VARCHAR',
      description:
        'Sales geography: North America, Latin America, Europe, Asia Pacific or Middle East & Africa.',
      value: c => c.country.geography,
    },
    {
      name: 'region',
      type: 'VARCHAR',
      description:
        'Sales region within the geography, e.g. US West or Northern Europe.',
      value: c => c.region,
    },
    {
      name: 'created_at',
      type: 'TIMESTAMP',
      description: 'When the customer signed up.',
      value: c => timestampText(c.createdDay, c.createdSecond),
    },
  ],
};

export function customersTable(customers: readonly CustomerRecord[]) {
  return buildTable(CUSTOMERS_TABLE, customers);
}
