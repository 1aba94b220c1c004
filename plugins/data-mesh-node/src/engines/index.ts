export * from './WarehouseEngine';
export * from './extensionPoint';
