import { demoDataChecksum } from './checksum';
import { generateDemoData } from './generateDemoData';
import { CUSTOMER_DIRT, dirtCount } from './generators/customers';
import { COUNTRIES, DISCONTINUATION_DATE } from './referenceData';
import { DemoData, DemoValue } from './types';

/**
 * The checksum of `generateDemoData()` (seed 42, scale 1). Any change to
 * the generator, its reference data or the canonical serialisation changes
 * it; update it only when the demo data is meant to change, and say so in
 * the changeset.
 */
const GOLDEN_CHECKSUM_SEED_42_SCALE_1 =
  '7a3cebfa9a704666c96d95422931329760ded7199640c05d1423233a8de1a7cd';

type Row = Record<string, DemoValue>;

function rowsOf(data: DemoData, tableName: string): Row[] {
  const table = data.tables.find(candidate => candidate.name === tableName);
  if (!table) {
    throw new Error(`No table ${tableName}`);
  }
  return table.rows.map(values =>
    Object.fromEntries(
      table.columns.map((column, index) => [column.name, values[index]]),
    ),
  );
}

function indexBy(rows: Row[], key: string): Map<DemoValue, Row> {
  return new Map(rows.map(row => [row[key], row]));
}

const cents = (decimal: DemoValue) => Number(String(decimal).replace('.', ''));

describe('generateDemoData', () => {
  let data: DemoData;
  let customers: Row[];
  let accounts: Row[];
  let products: Row[];
  let orders: Row[];
  let lines: Row[];

  beforeAll(() => {
    data = generateDemoData();
    customers = rowsOf(data, 'customers');
    accounts = rowsOf(data, 'accounts');
    products = rowsOf(data, 'products');
    orders = rowsOf(data, 'orders');
    lines = rowsOf(data, 'order_lines');
  });

  it('generates identical rows and checksum for the same seed and scale', () => {
    const again = generateDemoData({ seed: 42, scale: 1 });
    expect(again).toEqual(data);
    expect(demoDataChecksum(again)).toBe(demoDataChecksum(data));
  });

  it('keeps producing the pinned golden checksum for seed 42, scale 1', () => {
    expect(demoDataChecksum(data)).toBe(GOLDEN_CHECKSUM_SEED_42_SCALE_1);
  });

  it('generates different data for a different seed', () => {
    const other = generateDemoData({ seed: 43 });
    expect(demoDataChecksum(other)).not.toBe(demoDataChecksum(data));
    expect(rowsOf(other, 'customers')[0]).not.toEqual(customers[0]);
  });

  it('does not depend on Math.random or the clock', () => {
    const random = jest.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random used');
    });
    const now = jest.spyOn(Date, 'now').mockImplementation(() => {
      throw new Error('Date.now used');
    });
    try {
      expect(demoDataChecksum(generateDemoData({ seed: 7 }))).toMatch(
        /^[0-9a-f]{64}$/,
      );
    } finally {
      random.mockRestore();
      now.mockRestore();
    }
  });

  it('rejects a seed or scale that is not a usable integer', () => {
    expect(() => generateDemoData({ scale: 0 })).toThrow(
      'scale must be a positive integer, got 0',
    );
    expect(() => generateDemoData({ scale: 1.5 })).toThrow(/scale/);
    expect(() => generateDemoData({ seed: -1 })).toThrow(
      'seed must be a non-negative integer, got -1',
    );
  });

  it('describes the bronze schema as of 2026-06-30', () => {
    expect(data.schema).toBe('bronze');
    expect(data.asOfDate).toBe('2026-06-30');
    expect(data.tables.map(table => table.name)).toEqual([
      'customers',
      'accounts',
      'products',
      'orders',
      'order_lines',
    ]);
    for (const table of data.tables) {
      expect(table.columns[0].name).toBe(table.primaryKey);
      const ragged = table.rows.filter(
        row => row.length !== table.columns.length,
      );
      expect(ragged).toEqual([]);
    }
  });

  it('generates the documented row counts at scale 1', () => {
    expect(customers).toHaveLength(1000);
    expect(products).toHaveLength(200);
    expect(accounts.length).toBeGreaterThan(1200);
    expect(accounts.length).toBeLessThan(1400);
    expect(orders.length).toBeGreaterThan(19_500);
    expect(orders.length).toBeLessThan(20_500);
    expect(lines.length).toBeGreaterThan(55_000);
    expect(lines.length).toBeLessThan(65_000);
  });

  it('keeps every primary key unique and in ascending order', () => {
    for (const table of data.tables) {
      const keys = rowsOf(data, table.name).map(
        row => row[table.primaryKey] as number,
      );
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys.every((key, i) => i === 0 || keys[i - 1] < key)).toBe(true);
    }
  });

  it('uses disjoint id ranges per table so a join on the wrong key finds nothing', () => {
    const ranges = data.tables.map(table => {
      const keys = rowsOf(data, table.name).map(
        row => row[table.primaryKey] as number,
      );
      return [keys[0], keys[keys.length - 1]];
    });
    for (let i = 1; i < ranges.length; i++) {
      expect(ranges[i][0]).toBeGreaterThan(ranges[i - 1][1]);
    }
  });

  // Checks collect violations and assert once: a failure lists the
  // offending rows, and 60,000 individual expects would be slow.

  it('keeps referential integrity between all tables', () => {
    const customerById = indexBy(customers, 'customer_id');
    const accountById = indexBy(accounts, 'account_id');
    const orderById = indexBy(orders, 'order_id');
    const productById = indexBy(products, 'product_id');

    expect(accounts.filter(a => !customerById.has(a.customer_id))).toEqual([]);
    expect(
      orders.filter(order => {
        const account = accountById.get(order.account_id);
        // The order's customer owns the billed account, in its currency.
        return (
          !account ||
          !customerById.has(order.customer_id) ||
          account.customer_id !== order.customer_id ||
          account.currency !== order.currency
        );
      }),
    ).toEqual([]);
    expect(
      lines.filter(
        line =>
          !orderById.has(line.order_id) || !productById.has(line.product_id),
      ),
    ).toEqual([]);

    // Every order has lines numbered 1..n, each for a different product.
    const linesPerOrder = new Map<DemoValue, Row[]>();
    for (const line of lines) {
      const orderLines = linesPerOrder.get(line.order_id) ?? [];
      orderLines.push(line);
      linesPerOrder.set(line.order_id, orderLines);
    }
    expect(linesPerOrder.size).toBe(orders.length);
    const badOrders = [...linesPerOrder.values()].filter(
      orderLines =>
        orderLines.some((line, i) => line.line_number !== i + 1) ||
        new Set(orderLines.map(line => line.product_id)).size !==
          orderLines.length,
    );
    expect(badOrders).toEqual([]);
  });

  it('keeps dates consistent with the account lifecycle and the as-of date', () => {
    const customerById = indexBy(customers, 'customer_id');
    const accountById = indexBy(accounts, 'account_id');
    expect(
      customers.filter(c => String(c.created_at) > '2026-06-30 23:59:59'),
    ).toEqual([]);
    expect(
      accounts.filter(account => {
        const created = String(
          customerById.get(account.customer_id)!.created_at,
        ).slice(0, 10);
        const opened = String(account.account_open_date);
        const closed = account.account_close_date;
        return (
          opened < created ||
          account.status !== (closed === null ? 'open' : 'closed') ||
          (closed !== null &&
            (String(closed) <= opened || String(closed) > '2026-06-30'))
        );
      }),
    ).toEqual([]);
    expect(
      orders.filter(order => {
        const date = String(order.order_date);
        const account = accountById.get(order.account_id)!;
        const closed = account.account_close_date;
        return (
          String(order.order_ts).slice(0, 10) !== date ||
          date < '2024-01-01' ||
          date > '2026-06-30' ||
          date < String(account.account_open_date) ||
          (closed !== null && date >= String(closed))
        );
      }),
    ).toEqual([]);
  });

  it('computes line amounts exactly from quantity, price and discount', () => {
    const wrong = lines.filter(line => {
      const scaled =
        (line.quantity as number) *
        cents(line.unit_price) *
        (10_000 - cents(line.discount_pct));
      // Half up, in integers: amount in cents = round(scaled / 10_000).
      return (
        (line.quantity as number) < 1 ||
        cents(line.line_amount) !== Math.floor((scaled + 5_000) / 10_000)
      );
    });
    expect(wrong).toEqual([]);
  });

  it('sells discontinued products only before they were discontinued', () => {
    const inactive = new Set(
      products.filter(p => !p.is_active).map(p => p.product_id),
    );
    expect(inactive.size).toBeGreaterThan(0);
    const orderById = indexBy(orders, 'order_id');
    const late = lines.filter(
      line =>
        inactive.has(line.product_id) &&
        String(orderById.get(line.order_id)!.order_date) >=
          DISCONTINUATION_DATE,
    );
    expect(late).toEqual([]);
  });

  it('keeps geography and region consistent with the country', () => {
    const countries = new Map(COUNTRIES.map(c => [c.code, c]));
    const inconsistent = customers.filter(customer => {
      const country = countries.get(String(customer.country_code));
      return (
        !country ||
        customer.country !== country.name ||
        customer.geography !== country.geography ||
        !country.regions.some(([region]) => region === customer.region)
      );
    });
    expect(inconsistent).toEqual([]);
    // Every geography is represented.
    expect(new Set(customers.map(c => c.geography)).size).toBe(5);
  });

  it('keeps employee counts within the business size', () => {
    const ranges: Record<string, [number, number]> = {
      Micro: [1, 9],
      Small: [10, 49],
      Medium: [50, 249],
      Large: [250, 999],
      Enterprise: [1000, 250_000],
    };
    const outside = customers.filter(customer => {
      const [min, max] = ranges[String(customer.business_size)];
      const employees = customer.employee_count as number;
      return employees < min || employees > max;
    });
    expect(outside).toEqual([]);
  });

  describe('deliberate dirt in customers', () => {
    const validEmail = /^[a-z0-9.]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

    it('has exactly 2% NULL emails', () => {
      expect(customers.filter(c => c.email === null)).toHaveLength(
        dirtCount(CUSTOMER_DIRT.nullEmail, 1000),
      );
      expect(dirtCount(CUSTOMER_DIRT.nullEmail, 1000)).toBe(20);
    });

    it('has exactly 0.5% malformed emails', () => {
      const malformed = customers.filter(
        c => c.email !== null && !validEmail.test(String(c.email)),
      );
      expect(malformed).toHaveLength(
        dirtCount(CUSTOMER_DIRT.malformedEmail, 1000),
      );
    });

    it('has a few customers sharing a name and an email in different case', () => {
      const byLowerEmail = new Map<string, Row[]>();
      for (const customer of customers) {
        if (customer.email === null) continue;
        const key = String(customer.email).toLowerCase();
        byLowerEmail.set(key, [...(byLowerEmail.get(key) ?? []), customer]);
      }
      const shared = [...byLowerEmail.values()].filter(
        group => group.length > 1,
      );
      expect(shared).toHaveLength(
        dirtCount(CUSTOMER_DIRT.caseVariantEmail, 1000),
      );
      for (const [original, duplicate] of shared) {
        expect(duplicate.email).not.toBe(original.email);
        expect(duplicate.customer_name).toBe(original.customer_name);
        expect(duplicate.customer_id).not.toBe(original.customer_id);
      }
      // No two customers share an email exactly.
      const emails = customers.filter(c => c.email !== null).map(c => c.email);
      expect(new Set(emails).size).toBe(emails.length);
    });

    it('has about 15% of phones outside E.164', () => {
      const e164 = /^\+[1-9]\d{7,14}$/;
      const reformatted = customers.filter(c => !e164.test(String(c.phone)));
      expect(reformatted).toHaveLength(
        dirtCount(CUSTOMER_DIRT.reformattedPhone, 1000),
      );
    });
  });

  it('scales customers, accounts, orders and lines but grows products slowly', () => {
    const scaled = generateDemoData({ scale: 3 });
    const count = (name: string) =>
      scaled.tables.find(table => table.name === name)!.rows.length;
    expect(count('customers')).toBe(3000);
    expect(count('products')).toBe(300);
    expect(count('accounts') / accounts.length).toBeCloseTo(3, 0);
    expect(count('orders') / orders.length).toBeCloseTo(3, 0);
    expect(count('order_lines') / lines.length).toBeCloseTo(3, 0);
  });
});
