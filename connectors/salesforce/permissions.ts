/**
 * The permissions of the read-only integration user, named exactly as Salesforce Setup names them,
 * so that an `unknown` section tells the operator what to grant (catalog §14.4).
 */
export const API_ENABLED = 'API Enabled';
export const SCOPE_API = "OAuth scope 'api' (Manage user data via APIs)";
export const VIEW_SETUP = 'View Setup and Configuration';

/** Object permission "Read" on one object. */
export function objectRead(object: string): string {
  return `Read on ${object}`;
}

/** Field-level security: the field is visible to the integration user. */
export function fieldRead(object: string, field: string): string {
  return `Field-level security: Read on ${object}.${field}`;
}

/** Scopes of a token response that allow REST API calls. */
export function scopesAllowApi(scopes: readonly string[]): boolean {
  return scopes.includes('api') || scopes.includes('full');
}
