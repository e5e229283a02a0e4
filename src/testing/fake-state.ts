import type { FakeCxoneCredentials, FakeCxoneStats, FakeGrantType } from './types.js';

/** Everything the fake's endpoints share: its settings, its tokens and its counters. */
export interface FakeState {
  readonly credentials: FakeCxoneCredentials;
  readonly clientAuthentication: 'basic' | 'body' | 'either';
  readonly grantTypes: readonly FakeGrantType[];
  readonly tokenFormat: 'opaque' | 'jwt';
  readonly tenantId: string;
  readonly area: string;
  readonly cluster: string;
  readonly authHost: string;
  readonly areaInIdToken: boolean;
  readonly accessKeyStatuses: { readonly formBody: number; readonly wrongKey: number };
  /** The identity behind every token, fixed for the life of the fake as a real user's is. */
  readonly user: { readonly userId: string; readonly businessUnitId: number; readonly tenantName: string };
  readonly scope: string | undefined;
  readonly clockSkewSeconds: number;
  expiresIn: number;
  issuer: string;
  apiUrl: string;
  readonly stats: FakeCxoneStats;
  readonly tokens: string[];
  /** Valid access tokens and when each expires (epoch milliseconds). Revoking empties it. */
  readonly valid: Map<string, number>;
  /** Revoked tokens, so a 401 can say why. */
  readonly revoked: Set<string>;
}

/** Counters at zero. */
export function zeroStats(): FakeCxoneStats {
  return {
    tokenRequests: 0,
    tokensIssued: 0,
    apiRequests: 0,
    discoveryRequests: 0,
    unauthorized: 0,
    rateLimited: 0,
    serverErrors: 0,
    resets: 0,
  };
}
