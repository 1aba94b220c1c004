/**
 * The deterministic demo warehouse of Meshwork: the Hello World bronze
 * tables, their checksum, and seeding them into a DuckDB file. A separate
 * entry point of `@meshwork/data-mesh-node` because it loads native DuckDB,
 * which the main entry point never does.
 *
 * @packageDocumentation
 */
export { generateDemoData } from './generateDemoData';
export { demoDataChecksum } from './checksum';
export { seedDemoWarehouse } from './seedDemoWarehouse';
export type {
  SeedDemoWarehouseOptions,
  SeedDemoWarehouseResult,
  SeededTable,
} from './seedDemoWarehouse';
export { readWarehouseChecksum } from './readWarehouseChecksum';
export { DEMO_AS_OF_DATE, DEMO_DEFAULT_SEED, DEMO_SCHEMA } from './constants';
export type {
  DemoColumn,
  DemoColumnType,
  DemoData,
  DemoTable,
  DemoValue,
  GenerateDemoDataOptions,
} from './types';
