import { discoverCxoneApi } from '../discovery/discover.js';
import type { CxoneApiLocation, CxoneToken } from '../types.js';

/** The tenant's API host, as CXone's discovery document names it. */
export type DiscoveredApi = CxoneApiLocation;

/**
 * The doctor's one use of API host discovery: the library's own `discoverCxoneApi`, so the host
 * reported is the one `baseURL: 'discover'` would pick.
 */
export function discoverApiHost(token: CxoneToken): Promise<DiscoveredApi> {
  return discoverCxoneApi(token);
}
