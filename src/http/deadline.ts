/**
 * The total-time budget of one attempt (headers and body). One AbortSignal feeds axios and the
 * body guard; `state` tells a timeout (TIMEOUT) from the caller's own abort (ABORTED), which both
 * look the same to axios.
 */
export type DeadlineState = 'running' | 'timeout' | 'aborted' | 'done';

export interface Deadline {
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  state(): DeadlineState;
  /** Stop the timer (the exchange finished); later aborts are ignored. */
  clear(): void;
}

export function startDeadline(timeoutMs: number, parent?: AbortSignal): Deadline {
  const controller = new AbortController();
  let state: DeadlineState = 'running';
  const finish = (next: DeadlineState, reason: unknown): void => {
    if (state !== 'running') return;
    state = next;
    cleanup();
    controller.abort(reason);
  };
  const onParentAbort = (): void => finish('aborted', parent?.reason);
  const timer = setTimeout(() => finish('timeout', new DOMException(`timed out after ${timeoutMs} ms`, 'TimeoutError')), timeoutMs);
  const cleanup = (): void => {
    clearTimeout(timer);
    parent?.removeEventListener('abort', onParentAbort);
  };
  if (parent?.aborted) finish('aborted', parent.reason);
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  return {
    signal: controller.signal,
    timeoutMs,
    state: () => state,
    clear: () => {
      if (state !== 'running') return;
      state = 'done';
      cleanup();
    },
  };
}
