/**
 * The mark every CxoneAuthError carries. `Symbol.for` gives the same symbol to every copy of the
 * library in a process (the ESM and CommonJS builds, the main and `testing` bundles, two installed
 * versions), where each copy has its own class and a plain `instanceof` would say no.
 */
export const CXONE_AUTH_ERROR_BRAND: unique symbol = Symbol.for('axios-cxone-auth.CxoneAuthError');
