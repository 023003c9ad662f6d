/**
 * The small path language of JSON Lines mappings, kept deliberately tiny so it can be documented in
 * three lines: `a.b.c` follows object keys, `[n]` takes array element n, `[*]` takes every element
 * (one value per element, in order, '' where it is missing, so two `[*]` paths pair up by position).
 * Keys containing `.`, `[` or `]` cannot be addressed.
 */
export type PathStep = { key: string } | { index: number } | { every: true };
export type ParsedPath = readonly PathStep[];

const STEP = /^([^.[\]]+)?((?:\[(?:\d+|\*)\])*)$/;

export function parsePath(text: string): { ok: true; path: ParsedPath } | { ok: false; problem: string } {
  const steps: PathStep[] = [];
  for (const segment of text.split('.')) {
    const match = STEP.exec(segment);
    if (!segment || !match) return { ok: false, problem: 'invalid path (use key.key, [n] or [*])' };
    if (match[1] !== undefined) steps.push({ key: match[1] });
    else if (steps.length === 0 && segment.startsWith('[')) return { ok: false, problem: 'a path starts with a key' };
    for (const index of (match[2] ?? '').matchAll(/\[(\d+|\*)\]/g)) {
      steps.push(index[1] === '*' ? { every: true } : { index: Number(index[1]) });
    }
  }
  if (steps.filter((s) => 'every' in s).length > 1) return { ok: false, problem: 'at most one [*] per path' };
  return { ok: true, path: steps };
}

/**
 * Every value at a path, as strings: strings as they are, numbers and booleans written out, arrays
 * of such values at the end of the path expanded. Objects, null and missing values give ''.
 */
export function valuesAt(root: unknown, path: ParsedPath): string[] {
  const out: string[] = [];
  walk(root, path, 0, out);
  return out;
}

function walk(node: unknown, path: ParsedPath, i: number, out: string[]): void {
  const step = path[i];
  if (step === undefined) {
    leaf(node, out);
    return;
  }
  if ('every' in step) {
    if (Array.isArray(node)) {
      for (const element of node as unknown[]) {
        const before = out.length;
        walk(element, path, i + 1, out);
        // One entry per element, even when it lacks the key, so that paired paths stay aligned.
        if (out.length === before) out.push('');
      }
    }
    return;
  }
  if ('index' in step) {
    walk(Array.isArray(node) ? (node as unknown[])[step.index] : undefined, path, i + 1, out);
    return;
  }
  const child = node !== null && typeof node === 'object' && !Array.isArray(node) ? (node as Record<string, unknown>)[step.key] : undefined;
  walk(child, path, i + 1, out);
}

function leaf(node: unknown, out: string[]): void {
  if (Array.isArray(node)) {
    for (const element of node as unknown[]) scalar(element, out);
    return;
  }
  scalar(node, out);
}

function scalar(node: unknown, out: string[]): void {
  if (typeof node === 'string') out.push(node);
  else if (typeof node === 'number' || typeof node === 'boolean' || typeof node === 'bigint') out.push(String(node));
  else out.push('');
}
