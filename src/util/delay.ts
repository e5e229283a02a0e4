/** The minimal abort signal shape shared by the DOM's AbortSignal and axios's GenericAbortSignal. */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener?: (type: 'abort', listener: () => void) => void;
  removeEventListener?: (type: 'abort', listener: () => void) => void;
}

/** Thrown by {@link delay} when one of its signals aborts; callers turn it into their own error. */
export class WaitAbortedError extends Error {
  override readonly name = 'WaitAbortedError';
  constructor(readonly signal: AbortSignalLike) {
    super('The wait was aborted');
  }
}

/**
 * Waits `ms` milliseconds; rejects with {@link WaitAbortedError} at once when any signal aborts,
 * and clears its timer then, so an abandoned wait keeps nothing alive. The timer is not unref'd on
 * purpose: a pending wait is work in progress, and a script awaiting a retried request must not exit
 * halfway through it.
 */
export function delay(ms: number, signals: ReadonlyArray<AbortSignalLike | undefined> = []): Promise<void> {
  const active = signals.filter((signal): signal is AbortSignalLike => signal !== undefined);
  const aborted = active.find((signal) => signal.aborted);
  if (aborted) return Promise.reject(new WaitAbortedError(aborted));
  return new Promise<void>((resolve, reject) => {
    const listeners = active.map((signal) => {
      const onAbort = (): void => {
        cleanUp();
        reject(new WaitAbortedError(signal));
      };
      signal.addEventListener?.('abort', onAbort);
      return () => signal.removeEventListener?.('abort', onAbort);
    });
    const timer = setTimeout(() => {
      cleanUp();
      resolve();
    }, ms);
    function cleanUp(): void {
      clearTimeout(timer);
      for (const remove of listeners) remove();
    }
  });
}

/**
 * Settles as `promise` does, or rejects with {@link WaitAbortedError} as soon as `signal` aborts.
 * `promise` itself goes on: it may be shared with other callers (one token fetch for all).
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignalLike | undefined): Promise<T> {
  if (!signal?.addEventListener) return promise;
  if (signal.aborted) return Promise.reject(new WaitAbortedError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      reject(new WaitAbortedError(signal));
    };
    signal.addEventListener?.('abort', onAbort);
    promise.then(resolve, reject).finally(() => signal.removeEventListener?.('abort', onAbort));
  });
}
