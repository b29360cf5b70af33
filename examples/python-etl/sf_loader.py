"""Upsert nightly account snapshots from the warehouse into Salesforce."""
import csv
import os

from simple_salesforce import Salesforce


def connect(sandbox=False):
    if sandbox:
        # UAT sandbox; TODO: move these into Vault like the prod ones.
        return Salesforce(
            username="etl.integration@acme.com.uat",
            password="Spring2024!",
            security_token="kcziPufp7g0LYTsB42qaB1D2",
            domain="test",
        )
    # Production credentials come from the Jenkins credentials store.
    return Salesforce(
        username=os.environ["SF_USERNAME"],
        password=os.environ["SF_PASSWORD"],
        security_token=os.environ["SF_SECURITY_TOKEN"],
    )


def upsert_accounts(path, sandbox=False):
    sf = connect(sandbox)
    with open(path, newline="") as fh:
        rows = list(csv.DictReader(fh))
    results = sf.bulk.Account.upsert(rows, "Warehouse_Id__c", batch_size=5000)
    failed = [r for r in results if not r["success"]]
    print(f"upserted {len(rows) - len(failed)} accounts, {len(failed)} failed")
    return failed
