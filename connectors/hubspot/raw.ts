/**
 * Our own representation of what HubSpot answered, as plain data. sdk.ts converts the SDK's model
 * objects into these, so no @hubspot/api-client type reaches collect.ts or interpret.ts.
 */

/** One contact property definition (Properties API, `GET /crm/v3/properties/contacts`). */
export interface RawProperty {
  name: string;
  label?: string;
  type?: string;
  fieldType?: string;
  groupName?: string;
  hasUniqueValue: boolean;
  /** HubSpot's own properties (hs_…, lifecyclestage, …) as opposed to the account's custom ones. */
  hubspotDefined: boolean;
  calculated: boolean;
  archived: boolean;
  /** Enumeration option values (internal names), e.g. the lifecycle stages. */
  options: string[];
}

/** One contact of a list page (`GET /crm/v3/objects/contacts`), with only the requested properties. */
export interface RawContact {
  id: string;
  properties: Record<string, string | null>;
  createdAt?: string;
  updatedAt?: string;
  archived: boolean;
}

export interface RawContactPage {
  contacts: RawContact[];
  /** Records in the answer that had no id (dropped). */
  malformed: number;
  /** The `paging.next.after` cursor; absent on the last page. */
  after?: string;
}

/** The private-app token info (`POST /oauth/v2/private-apps/get/access-token-info`). */
export interface RawTokenInfo {
  scopes: string[];
  hubId?: number;
  appId?: number;
}
