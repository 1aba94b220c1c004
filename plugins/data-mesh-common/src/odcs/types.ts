/**
 * The parts of an Open Data Contract Standard (ODCS) v3 document that
 * Meshwork reads and writes. Other fields are allowed (the JSON Schema in
 * `./schema` is the authority) and kept as plain values.
 */

/** @public */
export interface OdcsCustomProperty {
  property: string;
  value: unknown;
  description?: string;
  [key: string]: unknown;
}

/**
 * One ODCS quality rule; `type` decides which other fields apply
 * (`metric` for library rules, `query` for sql, `engine` and
 * `implementation` for custom).
 *
 * @public
 */
export interface OdcsQuality {
  type?: 'library' | 'sql' | 'text' | 'custom';
  id?: string;
  name?: string;
  description?: string;
  dimension?: string;
  metric?: string;
  /** The v3.0 name of `metric`. */
  rule?: string;
  arguments?: Record<string, unknown>;
  query?: string;
  engine?: string;
  implementation?: string | Record<string, unknown>;
  mustBe?: unknown;
  mustNotBe?: unknown;
  mustBeGreaterThan?: number;
  mustBeGreaterOrEqualTo?: number;
  mustBeLessThan?: number;
  mustBeLessOrEqualTo?: number;
  mustBeBetween?: number[];
  mustNotBeBetween?: number[];
  unit?: string;
  severity?: string;
  customProperties?: OdcsCustomProperty[];
  [key: string]: unknown;
}

/** @public */
export interface OdcsProperty {
  name: string;
  id?: string;
  logicalType?: string;
  physicalType?: string;
  physicalName?: string;
  description?: string;
  businessName?: string;
  classification?: string;
  tags?: string[];
  required?: boolean;
  unique?: boolean;
  primaryKey?: boolean;
  primaryKeyPosition?: number;
  transformLogic?: string;
  transformSourceObjects?: string[];
  transformDescription?: string;
  quality?: OdcsQuality[];
  properties?: OdcsProperty[];
  items?: OdcsProperty;
  customProperties?: OdcsCustomProperty[];
  [key: string]: unknown;
}

/** @public */
export interface OdcsSchemaObject {
  name: string;
  id?: string;
  logicalType?: 'object';
  physicalType?: string;
  physicalName?: string;
  description?: string;
  businessName?: string;
  tags?: string[];
  properties?: OdcsProperty[];
  quality?: OdcsQuality[];
  customProperties?: OdcsCustomProperty[];
  [key: string]: unknown;
}

/** @public */
export interface OdcsSlaProperty {
  property: string;
  value: string | number | boolean | null;
  unit?: string;
  element?: string;
  [key: string]: unknown;
}

/** @public */
export interface OdcsTeamMember {
  username: string;
  name?: string;
  role?: string;
  [key: string]: unknown;
}

/** @public */
export interface OdcsTeam {
  name?: string;
  description?: string;
  members?: OdcsTeamMember[];
  [key: string]: unknown;
}

/** @public */
export interface OdcsServer {
  server: string;
  type: string;
  [key: string]: unknown;
}

/**
 * An ODCS v3 data contract.
 *
 * @public
 */
export interface OdcsDocument {
  apiVersion: string;
  kind: 'DataContract';
  id: string;
  version: string;
  status: string;
  name?: string;
  domain?: string;
  tenant?: string;
  dataProduct?: string;
  tags?: string[];
  description?: {
    purpose?: string;
    usage?: string;
    limitations?: string;
    [key: string]: unknown;
  };
  servers?: OdcsServer[];
  schema?: OdcsSchemaObject[];
  team?: OdcsTeam | OdcsTeamMember[];
  support?: Array<Record<string, unknown>>;
  slaProperties?: OdcsSlaProperty[];
  customProperties?: OdcsCustomProperty[];
  [key: string]: unknown;
}
