"""Client-credentials access for the ETL (migrated in INT-398).

The External Client App runs as the integration user, so only the
client id and secret are kept, in Vault.
"""
import os

import requests
from simple_salesforce import Salesforce

MY_DOMAIN = "https://acme.my.salesforce.com"


def get_access_token():
    resp = requests.post(
        f"{MY_DOMAIN}/services/oauth2/token",
        data={"grant_type": "client_credentials"},
        auth=(os.environ["SF_CLIENT_ID"], os.environ["SF_CLIENT_SECRET"]),
        timeout=30,
    )
    resp.raise_for_status()
    return resp.json()["access_token"]


def salesforce_client():
    # simple-salesforce runs client credentials when domain is a My Domain.
    return Salesforce(
        consumer_key=os.environ["SF_CLIENT_ID"],
        consumer_secret=os.environ["SF_CLIENT_SECRET"],
        domain="acme.my",
    )
