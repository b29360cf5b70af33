"""Access token for the nightly ETL jobs (username-password flow).

TODO(INT-412): switch to cc_client.get_access_token(), see docs/MIGRATION.md.
"""
import os

import requests

TOKEN_URL = "https://login.salesforce.com/services/oauth2/token"


def get_access_token():
    payload = {
        "grant_type": "password",
        "client_id": "3MVG90o.uy5lAKmb_72whCyIxot2LNKfE1OQl0eY5QiYUkBKSAG9rWubG.FMrtHIkFWtvtE9z38rRKdWxqqen",
        "client_secret": os.environ["SF_CLIENT_SECRET"],
        "username": "etl.integration@acme.com",
        # The API wants the security token appended to the password.
        "password": os.environ["SF_PASSWORD"] + os.environ["SF_SECURITY_TOKEN"],
    }
    # Sent as query parameters, so the secrets end up in proxy access logs.
    resp = requests.post(TOKEN_URL, params=payload, timeout=30)
    resp.raise_for_status()
    body = resp.json()
    return body["access_token"], body["instance_url"]
