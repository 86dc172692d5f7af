package vn.gov.haiphong.lgsp.exchange.soap;

import vn.gov.haiphong.lgsp.registry.ConnectedSystem;

/**
 * A SOAP request whose WS-Security signature verified: the connected system whose registered
 * certificate signed it. Put on the CXF exchange by {@link SoapAuthenticator}.
 */
record SoapCaller(ConnectedSystem system, String certificateFingerprint) {

    @Override
    public String toString() {
        return system.systemId();
    }
}
