/**
 * Hand-written DuckDB queries for every table the Hello World project
 * writes, straight from the bronze tables of the demo warehouse and the
 * pipelines' descriptions, without looking at the generated code. Tests
 * check that the generated SQL produces exactly these rows; the compiler
 * benchmark compares their running times.
 */

/** The rows one Target of a Hello World pipeline must write. */
export interface ReferenceQuery {
  readonly pipeline: string;
  /** The table the pipeline writes, as the dataset names it. */
  readonly table: string;
  /** A DuckDB SELECT over the bronze tables, columns in contract order. */
  readonly sql: string;
}

const cleanCustomers = `
  SELECT
    customer_id,
    concat_ws(' ', trim(first_name), trim(last_name)) AS customer_name,
    CASE
      WHEN regexp_matches(lower(trim(email)), '^[a-z0-9._%+-]+@[a-z0-9-]+(\\.[a-z0-9-]+)*\\.[a-z]{2,}$')
        THEN lower(trim(email))
    END AS email,
    regexp_replace(phone, '[^0-9+]', '', 'g') AS phone,
    country_code
  FROM bronze.customers`;

const customerOrders = `
  SELECT
    o.order_id, o.order_date, o.order_ts, o.channel, o.currency, o.account_id,
    c.customer_id, c.customer_name, c.email, c.phone, c.country_code,
    row_number() OVER per_customer AS customer_order_number,
    lag(o.order_date) OVER per_customer AS previous_order_date
  FROM bronze.orders AS o
  JOIN (${cleanCustomers}) AS c USING (customer_id)
  WHERE o.order_status = 'completed'
  WINDOW per_customer AS (PARTITION BY c.customer_id ORDER BY o.order_ts, o.order_id)`;

const completedSalesLines = `
  SELECT
    l.order_line_id, o.order_id, o.customer_id, o.order_date, o.order_status,
    o.channel, o.currency, p.product_id, p.sku, p.product_name, p.category,
    l.quantity, l.unit_price, l.discount_pct, l.line_amount,
    l.quantity * l.unit_price AS gross_amount,
    l.quantity * l.unit_price - l.line_amount AS discount_amount
  FROM bronze.order_lines AS l
  JOIN bronze.orders AS o ON o.order_id = l.order_id
  JOIN bronze.products AS p ON p.product_id = l.product_id
  WHERE o.order_status = 'completed'`;

const dailySales = `
  SELECT
    order_date,
    currency,
    count(DISTINCT order_id) AS order_count,
    count(DISTINCT customer_id) AS customer_count,
    sum(quantity) AS units_sold,
    sum(gross_amount) AS gross_amount,
    sum(discount_amount) AS discount_amount,
    sum(line_amount) AS net_revenue
  FROM (${completedSalesLines})
  GROUP BY order_date, currency`;

/** Every table Hello World writes, in the order its pipelines write them. */
export const helloWorldReferenceQueries: readonly ReferenceQuery[] = [
  {
    pipeline: 'Join-customers-redo',
    table: 'silver.customer_orders',
    sql: customerOrders,
  },
  {
    pipeline: 'Join-customers-redo',
    table: 'gold.customer_order',
    sql: `
  SELECT * REPLACE (sha256(email) AS email)
  FROM (${customerOrders})`,
  },
  {
    pipeline: 'CustomerAccounts',
    table: 'silver.customer_accounts',
    sql: `
  SELECT
    c.customer_id, c.customer_name, c.business_size, c.sector, c.geography,
    c.region, c.country_code,
    CASE
      WHEN c.sector IN ('Public Sector', 'Education') THEN 'Public'
      WHEN c.business_size = 'Enterprise' AND c.geography IN ('North America', 'Europe') THEN 'Strategic'
      WHEN c.business_size = 'Enterprise' OR (c.business_size = 'Large' AND c.sector = 'Financial Services') THEN 'Enterprise'
      WHEN c.business_size = 'Large'
        OR (c.business_size = 'Medium' AND c.region IN ('US West', 'US East', 'Northern Europe', 'Western Europe', 'East Asia'))
        THEN 'Commercial'
      ELSE 'SMB'
    END AS segment,
    a.account_id, a.account_type, a.currency, a.account_open_date,
    a.status AS account_status
  FROM bronze.customers AS c
  LEFT JOIN (
    SELECT DISTINCT ON (customer_id) *
    FROM bronze.accounts
    ORDER BY customer_id, account_open_date DESC, account_id DESC
  ) AS a ON a.customer_id = c.customer_id`,
  },
  {
    pipeline: 'account_length_days',
    table: 'silver.account_lengths',
    sql: `
  SELECT
    account_id, customer_id, account_type, account_open_date, account_close_date,
    account_close_date IS NULL AS is_open,
    CAST(coalesce(account_close_date, DATE '2026-06-30') - account_open_date AS INTEGER) AS account_length_days
  FROM bronze.accounts`,
  },
  {
    pipeline: 'ComputeSales',
    table: 'silver.sales_lines',
    sql: completedSalesLines,
  },
  {
    pipeline: 'ComputeSales',
    table: 'gold.daily_summary',
    sql: `
  SELECT
    *,
    sum(net_revenue) OVER (PARTITION BY currency ORDER BY order_date) AS cumulative_net_revenue
  FROM (${dailySales})
  ORDER BY order_date, currency`,
  },
  {
    pipeline: 'ComputeSales',
    table: 'gold.total_sales',
    sql: `
  SELECT
    currency,
    category,
    count(DISTINCT order_id) AS order_count,
    count(DISTINCT customer_id) AS customer_count,
    sum(quantity) AS units_sold,
    sum(line_amount) AS net_revenue,
    min(order_date) AS first_order_date,
    max(order_date) AS last_order_date
  FROM (${completedSalesLines})
  GROUP BY currency, category
  ORDER BY currency, net_revenue DESC`,
  },
];
