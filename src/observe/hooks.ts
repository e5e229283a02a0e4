/** Calls a user's hook; what it throws becomes a process warning, never a failed request. */
export function notify<T>(hook: ((event: T) => void) | undefined, event: T): void {
  if (!hook) return;
  try {
    hook(event);
  } catch (error) {
    process.emitWarning(`axios-cxone-auth: a hook threw: ${error instanceof Error ? error.message : String(error)}`);
  }
}
