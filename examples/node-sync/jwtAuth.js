// JWT bearer flow for per-user API calls (migrated in INT-377).
const fs = require('fs');
const axios = require('axios');
const jwt = require('jsonwebtoken');

const MY_DOMAIN = 'https://acme.my.salesforce.com';
const privateKey = fs.readFileSync(process.env.SF_JWT_KEY_FILE);

async function getTokenFor(username) {
  const assertion = jwt.sign(
    {
      iss: process.env.SF_CLIENT_ID,
      sub: username,
      // The audience must stay the login host, even with My Domain.
      aud: 'https://login.salesforce.com',
      exp: Math.floor(Date.now() / 1000) + 180,
    },
    privateKey,
    { algorithm: 'RS256' }
  );
  const body = new URLSearchParams({
    grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    assertion,
  });
  const { data } = await axios.post(`${MY_DOMAIN}/services/oauth2/token`, body);
  return { accessToken: data.access_token, instanceUrl: data.instance_url };
}

module.exports = { getTokenFor };
