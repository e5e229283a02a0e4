// The drop-in fix for "curl works, axios fails": a form-encoded token request, no interceptors.
// Reads CXONE_CLIENT_ID and CXONE_CLIENT_SECRET (and CXONE_TOKEN_URL or CXONE_ISSUER) from the environment.
import { CxoneAuthError, fetchCxoneToken } from 'axios-cxone-auth';

try {
  const token = await fetchCxoneToken();
  console.log(`token of type ${token.tokenType}, valid until ${new Date(token.expiresAt).toISOString()}`);
} catch (error) {
  if (error instanceof CxoneAuthError) {
    console.error(`${error.code}: ${error.message}`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
