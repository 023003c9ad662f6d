import type { JwksFacts } from '../model/as-facts.js';
import type { AuthorizationServerEntry } from '../inventory.js';
import { notObserved, type Finding } from './define.js';

/**
 * The keys of a server's JWKS, or the `unknown` finding when no usable set was read (KEY-JWKS-VALID
 * reports why). Rules about key properties judge only keys that were actually seen.
 */
export function keysOrUnknown(entry: AuthorizationServerEntry): { jwks: JwksFacts; finding?: undefined } | { jwks?: undefined; finding: Finding } {
  const subject = entry.as.configuredIssuer;
  const jwks = entry.as.jwks;
  if (jwks.state === 'unknown') return { finding: notObserved(entry.targetId, subject, jwks.reason) };
  if (!jwks.value.document.json || jwks.value.keys.length === 0) {
    return { finding: notObserved(entry.targetId, subject, { kind: 'precondition', detail: 'no keys could be read from the JWKS (see KEY-JWKS-VALID)' }) };
  }
  return { jwks: jwks.value };
}

export function keyLabel(key: { index: number; kid?: string }): string {
  return key.kid ? `kid ${key.kid}` : `key #${key.index}`;
}
