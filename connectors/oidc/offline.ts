import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ConfigError } from '../../src/model/errors.js';
import type { SystemSnapshot } from '../../src/model/snapshot.js';
import { interpretOidc } from './interpret.js';
import { isPlainObject } from './json-document.js';
import type { OidcRawCollection } from './raw.js';
import { oidcSnapshot } from './snapshot.js';

export interface OfflineOidcInput {
  targetId: string;
  discoveryFile: string;
  jwksFile?: string;
  /** The issuer clients configure; defaults to the document's own issuer. */
  issuer?: string;
  allowHosts?: string[];
}

/**
 * Consultants often receive exported documents instead of network access: build the same raw
 * collection from files. Live-only evidence (status, headers, TLS, probes) stays `offline`/unknown.
 * A file that cannot be read is a usage error; a file that is not valid JSON is evidence.
 */
export function offlineOidcCollection(input: OfflineOidcInput): OidcRawCollection {
  const discovery = readText(input.discoveryFile, '--discovery-file');
  const issuer = input.issuer ?? documentIssuer(discovery, input.discoveryFile);
  let host: string;
  try {
    host = new URL(issuer).hostname.toLowerCase();
  } catch {
    throw new ConfigError([`--issuer: "${issuer}" is not an absolute URL — fix: give the issuer URL, e.g. https://login.example.com`]);
  }
  const raw: OidcRawCollection = {
    configuredIssuer: issuer,
    offline: true,
    allowedHosts: [...new Set([host, ...(input.allowHosts ?? []).map((h) => h.toLowerCase())])].sort(),
    exchanges: { oidcDiscovery: { method: 'FILE', url: `file:${basename(input.discoveryFile)}`, headers: {}, body: discovery } },
    skipped: {
      rfc8414Discovery: { kind: 'offline', detail: 'evaluated from one saved document; the other well-known form was not fetched' },
    },
  };
  if (input.jwksFile) {
    raw.exchanges.jwks = { method: 'FILE', url: `file:${basename(input.jwksFile)}`, headers: {}, body: readText(input.jwksFile, '--jwks-file') };
  } else {
    raw.skipped.jwks = { kind: 'offline', detail: 'no JWKS file was given', remediation: 'add --jwks-file with the saved key set' };
  }
  return raw;
}

export function offlineOidcSnapshot(input: OfflineOidcInput): SystemSnapshot {
  const raw = offlineOidcCollection(input);
  const { product, facts } = interpretOidc(raw);
  return oidcSnapshot(input.targetId, product, facts, raw);
}

function readText(path: string, option: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError([`${option}: cannot read ${path} (${(err as { code?: string }).code ?? 'error'}) — fix: check the path`]);
  }
}

function documentIssuer(text: string, path: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    if (isPlainObject(parsed) && typeof parsed.issuer === 'string') return parsed.issuer;
  } catch {
    // fall through
  }
  throw new ConfigError([`--issuer: ${path} has no readable "issuer" member — fix: give --issuer with the issuer URL the document belongs to`]);
}
