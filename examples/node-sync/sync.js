// Nightly sync of paid invoices from billing into Salesforce Opportunities.
'use strict';

const jsforce = require('jsforce');
const { loadPaidInvoices } = require('./billing');

const conn = new jsforce.Connection({
  loginUrl: 'https://login.salesforce.com',
  version: '59.0',
});

async function main() {
  // No oauth2 options here, so jsforce performs a SOAP login() call.
  const password = process.env.SF_PASSWORD + process.env.SF_SECURITY_TOKEN;
  await conn.login(process.env.SF_USERNAME, password);

  const invoices = await loadPaidInvoices();
  const records = invoices.map((inv) => ({
    Billing_Id__c: inv.id,
    StageName: 'Closed Won',
    Amount: inv.total,
  }));
  const results = await conn.sobject('Opportunity').upsert(records, 'Billing_Id__c');
  const failed = results.filter((r) => !r.success);
  console.log(`synced ${records.length - failed.length}, failed ${failed.length}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
