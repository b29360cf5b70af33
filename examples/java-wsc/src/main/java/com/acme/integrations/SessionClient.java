package com.acme.integrations;

import com.sforce.soap.partner.PartnerConnection;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.ConnectorConfig;

/**
 * Partner API connection on top of an OAuth access token (client credentials).
 * No login() call is made: the token is used directly as the session id.
 */
public final class SessionClient {

    private static final String API_VERSION = "59.0";

    private SessionClient() {}

    public static PartnerConnection connect(String accessToken, String instanceUrl)
            throws ConnectionException {
        ConnectorConfig config = new ConnectorConfig();
        config.setSessionId(accessToken);
        config.setServiceEndpoint(instanceUrl + "/services/Soap/u/" + API_VERSION);
        return new PartnerConnection(config);
    }
}
