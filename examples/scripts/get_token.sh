#!/usr/bin/env bash
# Print a Salesforce access token for ad-hoc API calls.
# Usage: . config/salesforce.env && scripts/get_token.sh
set -euo pipefail

: "${SF_LOGIN_URL:=https://login.salesforce.com}"

# Username-password flow; the security token is appended to the password.
curl -sS "$SF_LOGIN_URL/services/oauth2/token" \
  -d grant_type=password \
  -d client_id="$SF_CLIENT_ID" \
  --data-urlencode client_secret="$SF_CLIENT_SECRET" \
  -d username="$SF_USERNAME" \
  --data-urlencode password="${SF_PASSWORD}${SF_SECURITY_TOKEN}" \
  | jq -r .access_token
