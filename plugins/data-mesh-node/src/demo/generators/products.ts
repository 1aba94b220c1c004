import { formatCents } from '../columnValues';
import { Random, WeightedTable } from '../random';
import {
  DISCONTINUATION_DATE,
  PRODUCT_BRANDS,
  PRODUCT_CATEGORIES,
  PRODUCT_MODELS,
  ProductCategory,
} from '../referenceData';
import { buildTable, TableSpec } from './tableBuilder';

/** Product ids are 3_000_001, 3_000_002, ... */
export const PRODUCT_ID_BASE = 3_000_000;

/** Share of products that are discontinued (`is_active` false). */
export const INACTIVE_PRODUCT_SHARE = 0.08;

export interface ProductRecord {
  productId: number;
  sku: string;
  productName: string;
  category: ProductCategory;
  /** USD list price in cents. */
  priceCents: number;
  isActive: boolean;
  /** Relative chance of being on an order line. */
  popularity: number;
}

/**
 * The catalogue grows with the logarithm of the scale: 200 products at
 * scale 1, 100 more for every doubling (500 at scale 10). Integer-only, so
 * no floating-point log can differ between machines.
 */
export function productCount(scale: number): number {
  let doublings = 0;
  for (
    let remaining = scale;
    remaining >= 2;
    remaining = Math.floor(remaining / 2)
  ) {
    doublings++;
  }
  return 200 + 100 * doublings;
}

/** Cheap items end in .99; dearer ones are whole multiples of five dollars. */
function listPrice(
  random: Random,
  [min, max]: readonly [number, number],
): number {
  // The smaller of two draws skews prices towards the cheap end.
  const cents = Math.min(random.int(min, max), random.int(min, max));
  if (cents < 10_000) {
    return Math.floor(cents / 100) * 100 + 99;
  }
  return Math.max(Math.round(cents / 500), 1) * 500;
}

export function generateProducts(
  random: Random,
  count: number,
): ProductRecord[] {
  const categories = new WeightedTable(
    PRODUCT_CATEGORIES.map(category => [category, category.weight] as const),
  );
  const skuNumbers = new Map<string, number>();
  const usedNames = new Set<string>();
  // A few best sellers and a long tail: popularity falls with a random rank.
  const ranks = random.shuffle(
    Array.from({ length: count }, (_, rank) => rank),
  );

  return ranks.map((rank, index) => {
    const category = categories.pick(random);
    let productName = '';
    for (let attempt = 0; attempt < 20; attempt++) {
      productName = `${random.pick(PRODUCT_BRANDS)} ${random.pick(
        category.items,
      )} ${random.pick(PRODUCT_MODELS)}`;
      if (!usedNames.has(productName)) break;
    }
    for (let edition = 2; usedNames.has(productName); edition++) {
      productName = `${productName.replace(/ Gen \d+$/, '')} Gen ${edition}`;
    }
    usedNames.add(productName);
    const skuNumber = (skuNumbers.get(category.skuPrefix) ?? 0) + 1;
    skuNumbers.set(category.skuPrefix, skuNumber);
    return {
      productId: PRODUCT_ID_BASE + index + 1,
      sku: `${category.skuPrefix}-${String(skuNumber).padStart(5, '0')}`,
      productName,
      category,
      priceCents: listPrice(random, category.priceCents),
      isActive: !random.chance(INACTIVE_PRODUCT_SHARE),
      popularity: (category.popularity * 10) / (10 + rank),
    };
  });
}

export const PRODUCTS_TABLE: TableSpec<ProductRecord> = {
  name: 'products',
  description: 'The product catalogue with USD list prices.',
  primaryKey: 'product_id',
  columns: [
    {
      name: 'product_id',
      type: 'BIGINT',
      description: 'Unique product id.',
      value: p => p.productId,
    },
    {
      name: 'sku',
      type: 'VARCHAR',
      description:
        'Stock keeping unit: category prefix and a number, e.g. OFF-00012.',
      value: p => p.sku,
    },
    {
      name: 'product_name',
      type: 'VARCHAR',
      description: 'Brand, item and model.',
      value: p => p.productName,
    },
    {
      name: 'category',
      type: 'VARCHAR',
      description: 'Product category.',
      value: p => p.category.name,
    },
    {
      name: 'unit_price',
      type: 'DECIMAL(10,2)',
      description: 'Current list price in USD.',
      value: p => formatCents(p.priceCents),
    },
    {
      name: 'is_active',
      type: 'BOOLEAN',
      description: `False for discontinued products, which appear only on orders before ${DISCONTINUATION_DATE}.`,
      value: p => p.isActive,
    },
  ],
};

export function productsTable(products: readonly ProductRecord[]) {
  return buildTable(PRODUCTS_TABLE, products);
}
