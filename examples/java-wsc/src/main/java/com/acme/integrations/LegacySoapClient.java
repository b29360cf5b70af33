package com.acme.integrations;

import com.sforce.soap.enterprise.Connector;
import com.sforce.soap.enterprise.EnterpriseConnection;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.ConnectorConfig;

/** Opens the Enterprise API connection used by the ERP order export. */
public final class LegacySoapClient {

    private static final String AUTH_ENDPOINT =
            "https://login.salesforce.com/services/Soap/c/59.0";

    private LegacySoapClient() {}

    public static EnterpriseConnection connect() throws ConnectionException {
        ConnectorConfig config = new ConnectorConfig();
        config.setAuthEndpoint(AUTH_ENDPOINT);
        config.setUsername("erp.integration@acme.com");
        // SOAP login() needs the security token appended to the password.
        config.setPassword(System.getenv("SF_PASSWORD") + System.getenv("SF_SECURITY_TOKEN"));
        config.setConnectionTimeout(30_000);
        // Connector.newConnection calls login() with the credentials above.
        return Connector.newConnection(config);
    }
}
