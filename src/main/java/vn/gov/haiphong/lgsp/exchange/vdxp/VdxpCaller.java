package vn.gov.haiphong.lgsp.exchange.vdxp;

import vn.gov.haiphong.lgsp.registry.ConnectedSystem;
import vn.gov.haiphong.lgsp.security.vdxp.VdxpRequest;

/** A verified VDXP call: the connected system that signed it, and what it signed. */
record VdxpCaller(ConnectedSystem system, VdxpRequest request) {

    /** A signed parameter, case-insensitively (an exact-case match wins), or null. */
    String parameter(String name) {
        return request.parameter(name).orElse(null);
    }
}
