/**
 * Email normalisation for matching (not for sending): the form two spellings of one mailbox share.
 * Gmail ignores dots and `+tags` in the local part and treats googlemail.com as gmail.com; several
 * providers deliver `local+tag` to `local`; nobody else ignores dots, so dots are never stripped
 * elsewhere (john.smith@example.com and johnsmith@example.com are different mailboxes).
 */
export interface NormalizedEmail {
  /** The matching key. */
  canonical: string;
  local: string;
  domain: string;
  /** A shared or role mailbox (info@, sales@, the.smiths.family@): weak evidence of identity. */
  role: boolean;
}

const GMAIL = new Set(['gmail.com', 'googlemail.com']);

/** Providers documented to deliver `local+anything@` to `local@`. */
export const PLUS_ADDRESSING = new Set([
  'gmail.com',
  'outlook.com',
  'hotmail.com',
  'hotmail.co.uk',
  'live.com',
  'msn.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'proton.me',
  'protonmail.com',
  'pm.me',
  'fastmail.com',
  'fastmail.fm',
  'hey.com',
  'zoho.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  'posteo.de',
  'mailbox.org',
]);

/** Local parts that name a function or a household rather than a person. */
const ROLE_LOCAL_PARTS = new Set([
  'info', 'sales', 'admin', 'administrator', 'support', 'contact', 'office', 'hello', 'team', 'billing',
  'accounts', 'accounting', 'service', 'services', 'noreply', 'no-reply', 'webmaster', 'postmaster', 'hr',
  'jobs', 'marketing', 'orders', 'shop', 'mail', 'enquiries', 'inquiries', 'reception', 'family', 'home',
]);

const ASCII = /^[ -~]*$/;

/** Index of the first '.', '+', '_' or '-' (the length when none). */
function firstSeparator(local: string): number {
  for (let i = 0; i < local.length; i++) {
    const c = local.charCodeAt(i);
    if (c === 46 || c === 43 || c === 95 || c === 45) return i;
  }
  return local.length;
}

export function normalizeEmail(raw: string): NormalizedEmail | undefined {
  // Printable ASCII is its own NFKC form: skip ICU for the usual address.
  const trimmed = (ASCII.test(raw) ? raw : raw.normalize('NFKC')).trim().toLowerCase().replace(/^mailto:/, '');
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at === trimmed.length - 1) return undefined;
  let local = trimmed.slice(0, at);
  let domain = trimmed.slice(at + 1).replace(/\.$/, '');
  if (/\s/.test(local) || !/^[a-z0-9.-]+\.[a-z0-9-]{2,}$/.test(domain)) return undefined;
  if (PLUS_ADDRESSING.has(domain) || GMAIL.has(domain)) {
    const plus = local.indexOf('+');
    if (plus > 0) local = local.slice(0, plus);
  }
  // Role and household words are read before Gmail's dots go: the.smiths.family@gmail.com is shared.
  const spelt = local;
  if (GMAIL.has(domain)) {
    local = local.replace(/\./g, '');
    domain = 'gmail.com';
  }
  if (!local) return undefined;
  const first = spelt.slice(0, firstSeparator(spelt));
  const role = ROLE_LOCAL_PARTS.has(local) || ROLE_LOCAL_PARTS.has(first) || /(^|\.)family(\.|$)/.test(spelt);
  return { canonical: `${local}@${domain}`, local, domain, role };
}
