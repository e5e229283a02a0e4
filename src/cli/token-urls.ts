import { CXONE_ISSUERS } from '../options/options.js';
import { trimTrailingSlashes } from '../util/trim-slashes.js';

/** The documented issuers, as the doctor lists them in a fix. */
export const ISSUER_LIST = Object.values(CXONE_ISSUERS).join(', ');

/** The path of a URL without trailing slashes; '' when it is no URL. */
export function pathOf(url: string): string {
  try {
    return trimTrailingSlashes(new URL(url).pathname);
  } catch {
    return '';
  }
}

/** The host (and port) of a URL; the text itself when it is no URL. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
