import { createHash } from 'node:crypto';
import type { TokenStoreEvent } from '../types.js';

/**
 * A short name for a token that tells two tokens apart and gives nothing of either away: the first
 * 32 bits of its SHA-256. What processes tell each other about a token (issue 14) carries this,
 * never the token: the channel is readable by whoever may subscribe to it.
 */
export function tokenFingerprint(accessToken: string): string {
  return `sha256:${createHash('sha256').update(accessToken).digest('hex').slice(0, 8)}`;
}

/**
 * Whether `event` says that `accessToken`, held as a local copy, is no longer the shared token:
 * another one was stored, or this one (or whatever was there) was deleted.
 */
export function outdates(event: TokenStoreEvent, accessToken: string): boolean {
  if (event.type === 'stored') return event.fingerprint !== tokenFingerprint(accessToken);
  if (event.type === 'deleted') return event.fingerprint === undefined || event.fingerprint === tokenFingerprint(accessToken);
  return false;
}
