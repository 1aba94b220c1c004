export * from './WarehouseEngine';
export * from './errors';
export * from './QueryDeadline';
export * from './tableName';
export * from './extensionPoint';
export * from './jobExecutor';
