import axios from 'axios';
import { describe, expect, it } from 'vitest';
import { CXONE_ISSUERS } from '../../src/index.js';
import { createHostPolicy } from '../../src/security/hosts.js';

// Without a baseURL and without authorizeHosts, the token goes to CXone's API domains over https.
const byDefault = createHostPolicy(undefined, axios.create());

describe("CXone's environments, as the evidence supports them", () => {
  it('lists the issuers of global production, FedRAMP and the Australian, EU and UK sovereign clouds', () => {
    expect(CXONE_ISSUERS).toEqual({
      global: 'https://cxone.niceincontact.com',
      fedramp: 'https://cxone-gov.niceincontact.com',
      australia: 'https://nicecxone-sov1.au',
      europe: 'https://nicecxone-sov1.eu',
      unitedKingdom: 'https://nicecxone-sov1.uk',
    });
  });

  it.each([
    'https://api-na1.niceincontact.com',
    'https://api-b32.nice-incontact.com',
    'https://api.nicecxone-gov.com',
    'https://api-au1.nicecxone-sov1.au',
    'https://api-eu1.nicecxone-sov1.eu',
    'https://api-uk1.nicecxone-sov1.uk',
  ])('gives the token to %s by default', (origin) => {
    expect(byDefault(new URL(`${origin}/inContactAPI/services/v31.0/agents`))).toBe(true);
  });

  it.each(['https://api-c7.incontact.com', 'http://api-uk1.nicecxone-sov1.uk', 'https://nicecxone-gov.com'])(
    'keeps the token from %s by default: no evidence, plain http, or a bare domain',
    (origin) => {
      expect(byDefault(new URL(`${origin}/inContactAPI/services/v31.0/agents`))).toBe(false);
    },
  );
});
