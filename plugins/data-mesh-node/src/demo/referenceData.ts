/*
 * Fixed vocabularies the demo generator draws from. Weights are relative;
 * they shape the distributions that later pipelines aggregate, so changing
 * any of them changes the golden checksum.
 */

import { Weighted } from './random';

/** The date the demo data is "as of": nothing happens after it. */
export const AS_OF_DATE = '2026-06-30';
/** Orders span this first day up to and including {@link AS_OF_DATE}. */
export const FIRST_ORDER_DATE = '2024-01-01';
/** Customers signed up from this day on. */
export const FIRST_CUSTOMER_DATE = '2021-01-01';
/** Inactive products were discontinued on this day and sell only before it. */
export const DISCONTINUATION_DATE = '2025-07-01';

export const BUSINESS_SIZES = [
  'Micro',
  'Small',
  'Medium',
  'Large',
  'Enterprise',
] as const;
export type BusinessSize = (typeof BUSINESS_SIZES)[number];

/** Employee ranges per size; Enterprise is drawn from bands, see customers.ts. */
export const EMPLOYEE_RANGES: Record<BusinessSize, readonly [number, number]> =
  {
    Micro: [1, 9],
    Small: [10, 49],
    Medium: [50, 249],
    Large: [250, 999],
    Enterprise: [1000, 250_000],
  };

export const SECTORS = [
  'Retail',
  'Manufacturing',
  'Healthcare',
  'Financial Services',
  'Technology',
  'Public Sector',
  'Energy',
  'Education',
] as const;
export type Sector = (typeof SECTORS)[number];

export const SECTOR_WEIGHTS: readonly Weighted<Sector>[] = [
  ['Retail', 18],
  ['Manufacturing', 16],
  ['Healthcare', 12],
  ['Financial Services', 12],
  ['Technology', 16],
  ['Public Sector', 8],
  ['Energy', 8],
  ['Education', 10],
];

/**
 * Size mix per sector (Micro, Small, Medium, Large, Enterprise), so that a
 * classification rule keyed on size and sector has every combination to
 * work with, but not uniformly: public bodies are rarely micro businesses.
 */
export const SIZE_WEIGHTS_BY_SECTOR: Record<
  Sector,
  readonly [number, number, number, number, number]
> = {
  Retail: [36, 32, 18, 9, 5],
  Manufacturing: [18, 30, 28, 16, 8],
  Healthcare: [22, 30, 26, 14, 8],
  'Financial Services': [16, 24, 26, 20, 14],
  Technology: [34, 32, 18, 10, 6],
  'Public Sector': [4, 14, 34, 30, 18],
  Energy: [10, 20, 30, 24, 16],
  Education: [6, 18, 38, 28, 10],
};

export const GEOGRAPHIES = [
  'North America',
  'Latin America',
  'Europe',
  'Asia Pacific',
  'Middle East & Africa',
] as const;
export type Geography = (typeof GEOGRAPHIES)[number];

/** Billing currencies; every other country is billed in USD. */
export const CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'JPY'] as const;
export type Currency = (typeof CURRENCIES)[number];

/**
 * Fixed conversion from the USD list price into each billing currency.
 * Yen prices are whole yen.
 */
export const USD_TO_CURRENCY: Record<Currency, number> = {
  USD: 1,
  EUR: 0.92,
  GBP: 0.79,
  CAD: 1.36,
  AUD: 1.52,
  JPY: 155,
};

export interface Country {
  code: string;
  name: string;
  geography: Geography;
  /** Sales sub-regions within the country and their weights. */
  regions: readonly Weighted<string>[];
  callingCode: string;
  /** Digits in a national significant number. */
  nationalDigits: number;
  currency: Currency;
  weight: number;
}

function country(
  code: string,
  name: string,
  geography: Geography,
  region: string | readonly Weighted<string>[],
  callingCode: string,
  nationalDigits: number,
  currency: Currency,
  weight: number,
): Country {
  const regions = typeof region === 'string' ? [[region, 1] as const] : region;
  return {
    code,
    name,
    geography,
    regions,
    callingCode,
    nationalDigits,
    currency,
    weight,
  };
}

/** Sub-regions follow the UN geoscheme, with the US split into sales regions. */
// prettier-ignore
export const COUNTRIES: readonly Country[] = [
  country(
    'US',
    'United States',
    'North America',
    [
      ['US West', 30],
      ['US East', 35],
      ['US Central', 15],
      ['US South', 20],
    ],
    '1',
    10,
    'USD',
    30,
  ),
  country('CA', 'Canada', 'North America', 'Canada', '1', 10, 'CAD', 5),
  country('MX', 'Mexico', 'Latin America', 'Central America', '52', 10, 'USD', 3),
  country('BR', 'Brazil', 'Latin America', 'South America', '55', 11, 'USD', 3),
  country('AR', 'Argentina', 'Latin America', 'South America', '54', 10, 'USD', 1),
  country('CL', 'Chile', 'Latin America', 'South America', '56', 9, 'USD', 1),
  country('CO', 'Colombia', 'Latin America', 'South America', '57', 10, 'USD', 1),
  country('GB', 'United Kingdom', 'Europe', 'Northern Europe', '44', 10, 'GBP', 8),
  country('IE', 'Ireland', 'Europe', 'Northern Europe', '353', 9, 'EUR', 2),
  country('SE', 'Sweden', 'Europe', 'Northern Europe', '46', 9, 'EUR', 2),
  country('NO', 'Norway', 'Europe', 'Northern Europe', '47', 8, 'EUR', 1),
  country('DK', 'Denmark', 'Europe', 'Northern Europe', '45', 8, 'EUR', 1),
  country('FI', 'Finland', 'Europe', 'Northern Europe', '358', 9, 'EUR', 1),
  country('DE', 'Germany', 'Europe', 'Western Europe', '49', 10, 'EUR', 7),
  country('FR', 'France', 'Europe', 'Western Europe', '33', 9, 'EUR', 5),
  country('NL', 'Netherlands', 'Europe', 'Western Europe', '31', 9, 'EUR', 3),
  country('BE', 'Belgium', 'Europe', 'Western Europe', '32', 9, 'EUR', 1),
  country('CH', 'Switzerland', 'Europe', 'Western Europe', '41', 9, 'EUR', 1),
  country('AT', 'Austria', 'Europe', 'Western Europe', '43', 10, 'EUR', 1),
  country('ES', 'Spain', 'Europe', 'Southern Europe', '34', 9, 'EUR', 3),
  country('IT', 'Italy', 'Europe', 'Southern Europe', '39', 10, 'EUR', 3),
  country('PT', 'Portugal', 'Europe', 'Southern Europe', '351', 9, 'EUR', 1),
  country('PL', 'Poland', 'Europe', 'Eastern Europe', '48', 9, 'EUR', 2),
  country('CZ', 'Czechia', 'Europe', 'Eastern Europe', '420', 9, 'EUR', 1),
  country('JP', 'Japan', 'Asia Pacific', 'East Asia', '81', 10, 'JPY', 4),
  country('KR', 'South Korea', 'Asia Pacific', 'East Asia', '82', 10, 'USD', 2),
  country('SG', 'Singapore', 'Asia Pacific', 'Southeast Asia', '65', 8, 'USD', 2),
  country('IN', 'India', 'Asia Pacific', 'South Asia', '91', 10, 'USD', 3),
  country('AU', 'Australia', 'Asia Pacific', 'Oceania', '61', 9, 'AUD', 3),
  country('NZ', 'New Zealand', 'Asia Pacific', 'Oceania', '64', 9, 'AUD', 1),
  country('AE', 'United Arab Emirates', 'Middle East & Africa', 'Middle East', '971', 9, 'USD', 2),
  country('SA', 'Saudi Arabia', 'Middle East & Africa', 'Middle East', '966', 9, 'USD', 1),
  country('IL', 'Israel', 'Middle East & Africa', 'Middle East', '972', 9, 'USD', 1),
  country('ZA', 'South Africa', 'Middle East & Africa', 'Sub-Saharan Africa', '27', 9, 'USD', 2),
  country('NG', 'Nigeria', 'Middle East & Africa', 'Sub-Saharan Africa', '234', 10, 'USD', 1),
  country('KE', 'Kenya', 'Middle East & Africa', 'Sub-Saharan Africa', '254', 9, 'USD', 1),
  country('EG', 'Egypt', 'Middle East & Africa', 'North Africa', '20', 10, 'USD', 1),
];

/* Names mix spellings with diacritics, apostrophes and spaces on purpose. */
// prettier-ignore
export const FIRST_NAMES: readonly string[] = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael',
  'Linda', 'David', 'Elizabeth', 'William', 'Barbara', 'Richard', 'Susan',
  'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Carlos', 'María', 'José', 'Ana',
  'Luis', 'Sofía', 'Diego', 'Valentina', 'Mateo', 'Camila', 'Hans', 'Anna',
  'Lukas', 'Lena', 'Pierre', 'Camille', 'Louis', 'Chloé', 'Giulia', 'Marco',
  'Francesca', 'Luca', 'Lars', 'Ingrid', 'Erik', 'Astrid', 'Jan',
  'Agnieszka', 'Piotr', 'Katarzyna', 'Hiroshi', 'Yuki', 'Haruto', 'Sakura',
  'Min-jun', 'Seo-yeon', 'Wei', 'Mei', 'Arjun', 'Priya', 'Rahul', 'Ananya',
  'Aisha', 'Omar', 'Fatima', 'Youssef', 'Chinedu', 'Ngozi', 'Thabo',
  'Zanele', 'Liam', 'Olivia', 'Noah', 'Emma', 'Oliver', 'Charlotte', 'Jack',
  'Amelia', 'Aroha', 'Sean', 'Siobhan', 'Noa',
];

// prettier-ignore
export const LAST_NAMES: readonly string[] = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller',
  'Davis', 'Rodriguez', 'Martinez', 'Hernández', 'López', 'González',
  'Pérez', 'Silva', 'Santos', 'Oliveira', 'Müller', 'Schmidt', 'Schneider',
  'Fischer', 'Weber', 'Dubois', 'Martin', 'Bernard', 'Rossi', 'Russo',
  'Ferrari', 'Bianchi', 'Andersson', 'Johansson', 'Nilsen', 'Hansen',
  'Kowalski', 'Nowak', 'Novák', 'Jansen', 'de Vries', 'van den Berg',
  'Murphy', "O'Brien", 'Kelly', 'Tanaka', 'Suzuki', 'Sato', 'Kim', 'Lee',
  'Park', 'Wang', 'Li', 'Zhang', 'Patel', 'Sharma', 'Singh', 'Gupta',
  'Haddad', 'Khan', 'Mansour', 'Okafor', 'Adeyemi', 'Mokoena', 'Dlamini',
  'Nguyen', 'Tan', 'Wilson', 'Taylor', 'Anderson', 'Thomas', 'Moore',
  'Clark', 'Cohen', 'Levi',
];

/** Fictional company domains under the reserved `.example` top-level domain. */
// prettier-ignore
export const EMAIL_DOMAINS: readonly string[] = [
  'northwind.example', 'contoso.example', 'fabrikam.example',
  'tailspin.example', 'adventure-works.example', 'litware.example',
  'proseware.example', 'woodgrove.example', 'fourthcoffee.example',
  'wideworldimporters.example', 'alpineskihouse.example',
  'cohowinery.example', 'lucernepublishing.example', 'margiestravel.example',
  'treyresearch.example', 'wingtiptoys.example', 'blueyonder.example',
  'humongousinsurance.example', 'relecloud.example', 'southridge.example',
  'consolidatedmessenger.example', 'lamnahealthcare.example',
  'northridgefitness.example', 'bellowscollege.example', 'mail.example',
  'inbox.example',
];

export interface ProductCategory {
  name: string;
  skuPrefix: string;
  /** USD list price range in cents. */
  priceCents: readonly [number, number];
  /** Share of the catalogue. */
  weight: number;
  /** How often its products are bought relative to other categories. */
  popularity: number;
  items: readonly string[];
}

// prettier-ignore
export const PRODUCT_CATEGORIES: readonly ProductCategory[] = [
  {
    name: 'Office Supplies',
    skuPrefix: 'OFF',
    priceCents: [300, 6_000],
    weight: 18,
    popularity: 2.2,
    items: ['Notebook', 'Stapler', 'Desk Organizer', 'Marker Set',
      'Copy Paper Ream', 'Label Tape', 'Whiteboard', 'Binder Pack',
      'Pen Set', 'Sticky Notes'],
  },
  {
    name: 'Furniture',
    skuPrefix: 'FUR',
    priceCents: [9_000, 140_000],
    weight: 12,
    popularity: 0.7,
    items: ['Ergonomic Chair', 'Standing Desk', 'Filing Cabinet',
      'Bookshelf', 'Conference Table', 'Monitor Arm', 'Lounge Sofa',
      'Desk Lamp'],
  },
  {
    name: 'Computers',
    skuPrefix: 'CMP',
    priceCents: [45_000, 320_000],
    weight: 12,
    popularity: 0.8,
    items: ['Laptop', 'Desktop', 'Workstation', 'Tablet', 'Mini PC',
      'Chromebook', 'All-in-One'],
  },
  {
    name: 'Peripherals',
    skuPrefix: 'PER',
    priceCents: [1_500, 90_000],
    weight: 16,
    popularity: 1.5,
    items: ['Monitor', 'Keyboard', 'Mouse', 'Headset', 'Webcam',
      'Docking Station', 'Speakerphone', 'Printer'],
  },
  {
    name: 'Networking',
    skuPrefix: 'NET',
    priceCents: [4_000, 250_000],
    weight: 10,
    popularity: 0.8,
    items: ['Router', 'Switch', 'Access Point', 'Firewall', 'Cable Kit',
      'Network Adapter'],
  },
  {
    name: 'Software',
    skuPrefix: 'SFT',
    priceCents: [900, 180_000],
    weight: 14,
    popularity: 1.2,
    items: ['Office Suite License', 'Antivirus Subscription', 'Design Suite',
      'Backup Service', 'Project Tracker', 'Password Manager',
      'Accounting Package'],
  },
  {
    name: 'Storage',
    skuPrefix: 'STO',
    priceCents: [2_500, 220_000],
    weight: 8,
    popularity: 0.9,
    items: ['External SSD', 'NAS Appliance', 'USB Drive', 'Backup Tape',
      'Hard Drive'],
  },
  {
    name: 'Services',
    skuPrefix: 'SVC',
    priceCents: [15_000, 600_000],
    weight: 10,
    popularity: 0.5,
    items: ['Onsite Installation', 'Extended Warranty', 'Training Day',
      'Support Plan', 'Data Migration', 'Security Audit'],
  },
];

// prettier-ignore
export const PRODUCT_BRANDS: readonly string[] = [
  'Atlas', 'Nimbus', 'Vertex', 'Orion', 'Summit', 'Pioneer', 'Zenith',
  'Apex', 'Lumen', 'Quanta', 'Harbor', 'Cedar', 'Falcon', 'Nova', 'Polar',
  'Sierra',
];

// prettier-ignore
export const PRODUCT_MODELS: readonly string[] = [
  '100', '200', '300', '400', '500', '700', '900', 'Lite', 'Plus', 'Pro',
  'Max', 'X2', 'S', 'Air',
];
