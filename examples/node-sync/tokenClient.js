// Token helper for the webhook relay (legacy username-password flow).
const axios = require('axios');

const TOKEN_URL = 'https://login.salesforce.com/services/oauth2/token';

const {
  SF_CLIENT_ID: client_id,
  SF_CLIENT_SECRET: client_secret,
  SF_USERNAME: username,
} = process.env;
const password = process.env.SF_PASSWORD + process.env.SF_SECURITY_TOKEN;

let cached = null;

async function getToken() {
  if (cached) return cached;
  // axios turns `params` into the URL query string.
  const { data } = await axios.post(TOKEN_URL, null, {
    params: { grant_type: 'password', client_id, client_secret, username, password },
  });
  cached = { accessToken: data.access_token, instanceUrl: data.instance_url };
  return cached;
}

module.exports = { getToken };
