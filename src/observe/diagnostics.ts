import diagnosticsChannel from 'node:diagnostics_channel';
import type { RetryEvent } from '../types.js';

/**
 * The `node:diagnostics_channel` names this library publishes on, as undici publishes its own:
 * tracing and metrics tools subscribe without hooks, and nothing is built while nobody listens.
 * No message holds a secret or a token.
 *
 * @example
 * ```ts
 * import diagnosticsChannel from 'node:diagnostics_channel';
import type { RetryEvent } from '../types.js';
 * diagnosticsChannel.subscribe(CXONE_DIAGNOSTICS_CHANNELS.retry, (message) => metrics.increment('cxone.retry', message));
 * ```
 */
export const CXONE_DIAGNOSTICS_CHANNELS = {
  /** A token fetched (`outcome: 'fetched'`) or a fetch failed (`'failed'`): {@link TokenChannelMessage}. */
  token: 'axios-cxone-auth:token',
  /** A request is about to be sent again: {@link RetryChannelMessage}. */
  retry: 'axios-cxone-auth:retry',
  /** A host's cooldown began or its held requests drained: {@link CooldownChannelMessage}. */
  cooldown: 'axios-cxone-auth:cooldown',
} as const;

/** Published on `axios-cxone-auth:token`. */
export interface TokenChannelMessage {
  outcome: 'fetched' | 'failed';
  /** `cold`, `expired`, `unauthorized`, `invalidated` or `ahead` (before expiry, in the background). */
  reason: string;
  /** For `fetched`: `expires_in` in seconds and how long the fetch took. */
  expiresIn?: number;
  durationMs?: number;
  /** For `failed`: the `CxoneAuthError` code, when it is one. */
  code?: string;
}

/** Published on `axios-cxone-auth:retry`: the `onRetry` hook's event. */
export type RetryChannelMessage = RetryEvent;

/** Published on `axios-cxone-auth:cooldown`. */
export type CooldownChannelMessage =
  | { phase: 'started'; origin: string; windowMs: number; queued: number }
  | { phase: 'drained'; origin: string; held: number; heldMs: number };

const channels = {
  token: diagnosticsChannel.channel(CXONE_DIAGNOSTICS_CHANNELS.token),
  retry: diagnosticsChannel.channel(CXONE_DIAGNOSTICS_CHANNELS.retry),
  cooldown: diagnosticsChannel.channel(CXONE_DIAGNOSTICS_CHANNELS.cooldown),
};

/** Publishes on one of the channels; the message is built only when someone subscribes. */
export function publish<K extends keyof typeof channels>(
  name: K,
  message: () => { token: TokenChannelMessage; retry: RetryChannelMessage; cooldown: CooldownChannelMessage }[K],
): void {
  const channel = channels[name];
  if (channel.hasSubscribers) channel.publish(message());
}
