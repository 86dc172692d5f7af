package vn.gov.haiphong.lgsp.platform.errors;

import org.springframework.http.HttpStatus;

/**
 * The one catalogue of refusals. Each protocol renders the same entry its own way (problem+json
 * here; the VDXP envelope and SOAP faults reuse {@link #code()} and {@link #title()}). docs/reference/errors.md
 * lists them all; {@code ErrorCatalogueDocTest} keeps that list true.
 */
public enum ErrorCode {
    // Generic request problems
    VALIDATION_FAILED("LGSP-400", HttpStatus.BAD_REQUEST, "The request is not valid"),
    UNAUTHENTICATED("LGSP-401", HttpStatus.UNAUTHORIZED, "Authentication is required"),
    FORBIDDEN("LGSP-403", HttpStatus.FORBIDDEN, "The caller's role does not allow this"),
    CSRF_REFUSED("LGSP-419", HttpStatus.FORBIDDEN,
            "A browser session's change without its CSRF token (or with a stale one): reload the page"),
    NOT_FOUND("LGSP-404", HttpStatus.NOT_FOUND, "No such resource"),
    METHOD_NOT_ALLOWED("LGSP-405", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed here"),
    NOT_ACCEPTABLE("LGSP-406", HttpStatus.NOT_ACCEPTABLE,
            "The answer is JSON (or CSV where offered); the Accept header allows none of them"),
    LOGIN_THROTTLED("LGSP-429", HttpStatus.TOO_MANY_REQUESTS,
            "Too many failed logins for this account or from this address; try again after Retry-After seconds"),
    PAYLOAD_TOO_LARGE("LGSP-413", HttpStatus.PAYLOAD_TOO_LARGE, "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE("LGSP-415", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported content type"),
    INTERNAL("LGSP-500", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error; the incident is logged"),
    DATABASE_UNAVAILABLE("LGSP-503", HttpStatus.SERVICE_UNAVAILABLE,
            "The platform's database is unreachable; retry later (a package sent again is not stored twice)"),

    // Registry
    INVALID_AGENCY_CODE("REG-101", HttpStatus.BAD_REQUEST, "Malformed agency code"),
    AGENCY_NOT_FOUND("REG-102", HttpStatus.NOT_FOUND, "No agency or alias has this code"),
    AGENCY_EXISTS("REG-103", HttpStatus.CONFLICT, "An agency or alias already has this code"),
    AGENCY_IN_USE("REG-104", HttpStatus.CONFLICT, "The agency is still referred to"),
    PARENT_NOT_FOUND("REG-105", HttpStatus.UNPROCESSABLE_ENTITY, "The parent agency does not exist"),
    ALIAS_CYCLE("REG-111", HttpStatus.CONFLICT, "The alias would create a cycle"),
    ALIAS_DANGLING("REG-112", HttpStatus.UNPROCESSABLE_ENTITY, "The alias target is neither an agency nor an alias"),
    ALIAS_SHADOWS_AGENCY("REG-113", HttpStatus.CONFLICT, "An alias cannot carry the current code of an agency"),
    ALIAS_NOT_FOUND("REG-114", HttpStatus.NOT_FOUND, "No such alias"),
    SYSTEM_NOT_FOUND("REG-121", HttpStatus.NOT_FOUND, "No such connected system"),
    SYSTEM_EXISTS("REG-122", HttpStatus.CONFLICT, "A connected system with this id already exists"),
    SYSTEM_INVALID("REG-123", HttpStatus.UNPROCESSABLE_ENTITY, "The connected system definition is not valid"),
    CERTIFICATE_INVALID("REG-124", HttpStatus.UNPROCESSABLE_ENTITY, "Not a readable X.509 certificate"),
    CERTIFICATE_EXISTS("REG-125", HttpStatus.CONFLICT, "This certificate is already registered"),
    MASTER_KEY_MISSING("REG-126", HttpStatus.SERVICE_UNAVAILABLE,
            "Secrets cannot be stored: no master key is configured"),
    IMPORT_INVALID_FILE("REG-131", HttpStatus.UNPROCESSABLE_ENTITY,
            "The import file is not valid; nothing was changed"),
    IMPORT_NOT_FOUND("REG-132", HttpStatus.NOT_FOUND, "No such import"),

    // edXML packages (the hardened parser; VDXP answers these in its envelope, SOAP as faults)
    EDXML_MALFORMED("PKG-201", HttpStatus.BAD_REQUEST, "The package is not well-formed XML"),
    EDXML_DTD_FORBIDDEN("PKG-202", HttpStatus.BAD_REQUEST,
            "DOCTYPE declarations, DTDs and entity references are not allowed"),
    EDXML_TOO_LARGE("PKG-203", HttpStatus.PAYLOAD_TOO_LARGE, "The package exceeds the size limit"),
    EDXML_TOO_DEEP("PKG-204", HttpStatus.BAD_REQUEST, "The package nests elements too deeply"),
    EDXML_SCHEMA_INVALID("PKG-205", HttpStatus.BAD_REQUEST, "The package does not match the edXML schema"),
    EDXML_MISSING_FIELD("PKG-206", HttpStatus.BAD_REQUEST, "A field needed for routing is missing or empty"),
    EDXML_BYTES_BEFORE_DECLARATION("PKG-207", HttpStatus.BAD_REQUEST,
            "Bytes other than whitespace or a byte-order mark precede the XML"),
    EDXML_NOT_UTF8("PKG-208", HttpStatus.BAD_REQUEST, "The package is not UTF-8"),
    EDXML_INVALID_VALUE("PKG-209", HttpStatus.BAD_REQUEST, "A routing field has a value outside its allowed set"),
    EDXML_NOT_EDXML("PKG-210", HttpStatus.BAD_REQUEST, "The root element is not edXML in the QCVN 102 namespace"),
    EDXML_UNREADABLE("PKG-211", HttpStatus.BAD_REQUEST, "The package could not be read"),

    // Package signatures (XML-DSig), refused only for systems whose signature policy is REQUIRED
    PACKAGE_SIGNATURE_MISSING("PKG-221", HttpStatus.BAD_REQUEST,
            "The sending system must sign its packages and this one carries no XML-DSig signature"),
    PACKAGE_SIGNATURE_INVALID("PKG-222", HttpStatus.BAD_REQUEST, "The package signature does not verify"),
    PACKAGE_SIGNER_NOT_TRUSTED("PKG-223", HttpStatus.FORBIDDEN,
            "The package signer's certificate is not trusted for the sending system"),

    // VDXP XroadVnpt signatures (an unknown system is EXC-301: the caller looks the secret up)
    VDXP_MISSING_HEADER("VDXP-101", HttpStatus.UNAUTHORIZED, "A required XroadVnpt header is missing"),
    VDXP_AMBIGUOUS_HEADER("VDXP-102", HttpStatus.UNAUTHORIZED, "A header is present twice with different values"),
    VDXP_BAD_SIGNATURE("VDXP-103", HttpStatus.UNAUTHORIZED, "The hash header does not match the signed header"),
    VDXP_UNPARSEABLE_SIGNED_HEADER("VDXP-104", HttpStatus.UNAUTHORIZED,
            "The signed header is not a JSON object of strings"),
    VDXP_SYSTEMID_MISMATCH("VDXP-105", HttpStatus.UNAUTHORIZED, "The signed systemid differs from the systemid header"),

    // SOAP (WS-Security on /services/DocumentExchange; the exchange's own refusals keep their EXC/PKG codes)
    SOAP_UNSIGNED("SOAP-101", HttpStatus.UNAUTHORIZED,
            "WS-Security is required: a Timestamp and a signature over the Body and the Timestamp"),
    SOAP_BAD_SIGNATURE("SOAP-102", HttpStatus.UNAUTHORIZED,
            "The WS-Security signature does not verify (the message was altered or signed with another key)"),
    SOAP_UNKNOWN_CERTIFICATE("SOAP-103", HttpStatus.UNAUTHORIZED,
            "The signing certificate is not registered for a connected system, or is not valid now"),
    SOAP_STALE_TIMESTAMP("SOAP-104", HttpStatus.UNAUTHORIZED,
            "The WS-Security Timestamp is stale, expired or in the future"),
    SOAP_REPLAY("SOAP-105", HttpStatus.UNAUTHORIZED, "This message was already received (replay)"),
    SOAP_WEAK_ALGORITHM("SOAP-106", HttpStatus.UNAUTHORIZED,
            "The signature uses an algorithm not accepted here (RSA with SHA-256 or stronger, SHA-256 digests)"),
    SOAP_INVALID_REQUEST("SOAP-107", HttpStatus.BAD_REQUEST,
            "The SOAP request is not valid (malformed XML, unknown operation or invalid message)"),

    // Document exchange (VDXP answers these with HTTP 200 and the code in the envelope's ErrorCode)
    EXCHANGE_UNKNOWN_SYSTEM("EXC-301", HttpStatus.UNAUTHORIZED,
            "No connected system with a secret has this systemid"),
    EXCHANGE_SYSTEM_DISABLED("EXC-302", HttpStatus.FORBIDDEN, "The connected system is disabled"),
    EXCHANGE_PROTOCOL_NOT_ALLOWED("EXC-303", HttpStatus.FORBIDDEN,
            "The connected system is not registered for this protocol"),
    EXCHANGE_FROM_NOT_ALLOWED("EXC-304", HttpStatus.FORBIDDEN,
            "The system may not send for the package's From agency"),
    EXCHANGE_UNKNOWN_RECIPIENT("EXC-305", HttpStatus.UNPROCESSABLE_ENTITY,
            "A recipient code resolves to no agency in the registry"),
    EXCHANGE_RECIPIENT_UNSERVED("EXC-306", HttpStatus.UNPROCESSABLE_ENTITY,
            "No connected system receives documents for a recipient"),
    EXCHANGE_HASH_MISMATCH("EXC-307", HttpStatus.BAD_REQUEST,
            "The body does not match its XroadVnpt-hash-file header"),
    EXCHANGE_UNKNOWN_DOCUMENT("EXC-308", HttpStatus.NOT_FOUND, "No document has this DocId"),
    EXCHANGE_NOT_YOUR_DOCUMENT("EXC-309", HttpStatus.FORBIDDEN,
            "The document was neither sent to nor sent by this system"),
    EXCHANGE_STATUS_UNKNOWN_DOCUMENT("EXC-310", HttpStatus.UNPROCESSABLE_ENTITY,
            "The status refers to no document sent by its ResponseFor agency"),
    EXCHANGE_STATUS_NOT_RECIPIENT("EXC-311", HttpStatus.FORBIDDEN,
            "The status comes from an agency the document was not sent to"),
    EXCHANGE_PARAMETER_INVALID("EXC-312", HttpStatus.BAD_REQUEST,
            "A required signed parameter is missing or not valid"),
    EXCHANGE_UNKNOWN_OPERATION("EXC-313", HttpStatus.NOT_FOUND, "No such operation is served here"),
    EXCHANGE_UNROUTABLE("EXC-314", HttpStatus.UNPROCESSABLE_ENTITY,
            "The routing table gives no route to a recipient"),
    EXCHANGE_NOT_A_DEAD_LETTER("EXC-315", HttpStatus.CONFLICT,
            "No dead-lettered delivery has this id (unknown, or already replayed or delivered)"),

    // Shared data warehouse
    DATASET_NOT_FOUND("DATA-401", HttpStatus.NOT_FOUND, "No such dataset"),
    DATA_UNKNOWN_FIELD("DATA-402", HttpStatus.BAD_REQUEST, "Unknown field or parameter for this dataset"),
    DATA_NOT_GRANTED("DATA-403", HttpStatus.FORBIDDEN, "The calling system is not granted this access to the dataset"),
    DATA_BAD_PAGE("DATA-404", HttpStatus.BAD_REQUEST, "Page or size out of range"),
    DATA_BAD_VALUE("DATA-405", HttpStatus.BAD_REQUEST, "A filter value does not fit its field's type"),
    DATA_INVALID_ROW("DATA-406", HttpStatus.UNPROCESSABLE_ENTITY, "A row of the batch is not valid; nothing was written"),
    DATA_ROW_NOT_FOUND("DATA-407", HttpStatus.NOT_FOUND, "No such row"),
    DATA_RATE_LIMITED("DATA-408", HttpStatus.TOO_MANY_REQUESTS,
            "Too many open data requests from this address; retry later"),
    DATA_CONCURRENT_CHANGE("DATA-409", HttpStatus.CONFLICT,
            "Another writer created the same row at the same moment; nothing was written, retry"),
    DATA_CONFLICT_NOT_FOUND("DATA-410", HttpStatus.NOT_FOUND, "No such conflict in this dataset"),
    DATA_CONFLICT_RESOLVED("DATA-411", HttpStatus.CONFLICT, "The conflict is already resolved"),
    DATA_RESOLUTION_INVALID("DATA-412", HttpStatus.BAD_REQUEST,
            "The resolution is not valid: choose HD, PLATFORM or VALUES (with values)"),
    DATA_ROW_CHANGED("DATA-413", HttpStatus.CONFLICT,
            "The row changed since the version given (expectedVersion); nothing was written"),
    DATA_GRANT_INVALID("DATA-414", HttpStatus.UNPROCESSABLE_ENTITY,
            "The grantee is neither an agency (or alias) nor a connected system, or the access is not READ or WRITE"),
    DATA_GRANT_NOT_FOUND("DATA-415", HttpStatus.NOT_FOUND, "No such grant"),
    DATA_HD_FILE_INVALID("DATA-416", HttpStatus.UNPROCESSABLE_ENTITY,
            "The Hai Duong export file is not valid; nothing was applied"),
    DATA_QUERY_TOO_COMPLEX("DATA-417", HttpStatus.BAD_REQUEST,
            "The query has more filters or sort fields than allowed"),
    DATA_QUERY_TIMEOUT("DATA-418", HttpStatus.SERVICE_UNAVAILABLE,
            "The query ran longer than allowed and was stopped; narrow it or retry later"),

    // SSO: bearer tokens, people's accounts, signing keys
    TOKEN_EXPIRED("SSO-101", HttpStatus.UNAUTHORIZED, "The bearer token has expired"),
    TOKEN_FOREIGN_ISSUER("SSO-102", HttpStatus.UNAUTHORIZED,
            "The bearer token was issued by an issuer this platform does not trust"),
    TOKEN_BAD_SIGNATURE("SSO-103", HttpStatus.UNAUTHORIZED,
            "The bearer token's signature does not verify against the issuer's published keys"),
    TOKEN_MALFORMED("SSO-104", HttpStatus.UNAUTHORIZED, "The bearer token is not a valid signed JWT"),
    TOKEN_NOT_A_SYSTEM("SSO-105", HttpStatus.UNAUTHORIZED,
            "The token names no registered, enabled connected system (client credentials token expected)"),
    USER_NOT_FOUND("SSO-111", HttpStatus.NOT_FOUND, "No such user"),
    USER_EXISTS("SSO-112", HttpStatus.CONFLICT, "A user with this name already exists"),
    USER_INVALID("SSO-113", HttpStatus.UNPROCESSABLE_ENTITY,
            "The user definition is not valid (name, password length or role)"),
    SIGNING_KEYS_EXTERNAL("SSO-121", HttpStatus.CONFLICT,
            "Signing keys belong to the external issuer; the embedded provider is off"),

    // Service gateway: HMAC-with-freshness authentication (/gw/**)
    GW_AUTH_MISSING("GW-101", HttpStatus.UNAUTHORIZED, "Gateway credentials are missing or malformed"),
    GW_AUTH_UNKNOWN_SYSTEM("GW-102", HttpStatus.UNAUTHORIZED,
            "No enabled connected system with a secret has this id"),
    GW_AUTH_STALE("GW-103", HttpStatus.UNAUTHORIZED, "The request timestamp is outside the freshness window"),
    GW_AUTH_REPLAY("GW-104", HttpStatus.UNAUTHORIZED, "This nonce was already used within the freshness window"),
    GW_AUTH_BAD_SIGNATURE("GW-105", HttpStatus.UNAUTHORIZED, "The signature does not match the request"),
    GW_AUTH_BODY_MISMATCH("GW-106", HttpStatus.UNAUTHORIZED, "The body does not match its signed SHA-256"),
    // Service gateway: catalogue and access rights
    GW_SERVICE_NOT_FOUND("GW-201", HttpStatus.NOT_FOUND, "No such service in the gateway catalogue"),
    GW_NOT_GRANTED("GW-202", HttpStatus.FORBIDDEN,
            "The calling system is not granted this service (or this method and path)"),
    GW_SERVICE_DISABLED("GW-203", HttpStatus.SERVICE_UNAVAILABLE, "The service is suspended"),
    GW_WRONG_PROTOCOL("GW-204", HttpStatus.NOT_FOUND, "The service is not served at this address (REST or SOAP)"),
    GW_BAD_PATH("GW-205", HttpStatus.BAD_REQUEST,
            "The path is not acceptable (dot segments, encoded slashes or backslashes, control characters)"),
    GW_NOT_SOAP("GW-206", HttpStatus.BAD_REQUEST, "The body is not a SOAP envelope of the version its content type says"),
    GW_BRIDGE_REFUSED("GW-207", HttpStatus.BAD_REQUEST, "The bridge cannot translate this request"),
    GW_NO_DESCRIPTION("GW-208", HttpStatus.NOT_FOUND, "The service has no published description (WSDL or OpenAPI)"),
    // Service gateway: limits
    GW_RATE_LIMITED("GW-301", HttpStatus.TOO_MANY_REQUESTS,
            "Too many requests from this system to this service; retry after the time given"),
    GW_REQUEST_TOO_LARGE("GW-302", HttpStatus.PAYLOAD_TOO_LARGE, "The request body exceeds the service's limit"),
    // Service gateway: administration
    GW_SERVICE_EXISTS("GW-401", HttpStatus.CONFLICT, "A service with this code already exists"),
    GW_SERVICE_INVALID("GW-402", HttpStatus.UNPROCESSABLE_ENTITY, "The service definition is not valid"),
    GW_GROUP_NOT_FOUND("GW-403", HttpStatus.NOT_FOUND, "No such group of systems"),
    GW_GRANT_NOT_FOUND("GW-404", HttpStatus.NOT_FOUND, "No such grant"),
    GW_GRANT_INVALID("GW-405", HttpStatus.UNPROCESSABLE_ENTITY, "The grant is not valid"),
    GW_GROUP_IN_USE("GW-406", HttpStatus.CONFLICT, "Grants still name this group"),
    GW_DESCRIPTION_INVALID("GW-407", HttpStatus.UNPROCESSABLE_ENTITY,
            "The service description is not a readable WSDL or OpenAPI document"),
    // Service gateway: the provider side
    GW_UPSTREAM_TIMEOUT("GW-501", HttpStatus.GATEWAY_TIMEOUT, "The provider did not answer within the service's timeout"),
    GW_UPSTREAM_UNREACHABLE("GW-502", HttpStatus.BAD_GATEWAY, "The provider cannot be reached"),
    GW_CIRCUIT_OPEN("GW-503", HttpStatus.SERVICE_UNAVAILABLE,
            "The provider is failing; calls are suspended for a while (circuit open)"),
    GW_RESPONSE_TOO_LARGE("GW-504", HttpStatus.BAD_GATEWAY, "The provider's answer exceeds the service's limit"),
    GW_UPSTREAM_REDIRECT("GW-505", HttpStatus.BAD_GATEWAY, "The provider answered with a redirect; the gateway follows none"),
    GW_NO_ROUTE("GW-506", HttpStatus.BAD_GATEWAY, "The routing table chose no registered endpoint of the service"),
    GW_UPSTREAM_FAULT("GW-507", HttpStatus.BAD_GATEWAY, "The SOAP provider behind the bridge answered with a fault");

    private final String code;
    private final HttpStatus status;
    private final String title;

    ErrorCode(String code, HttpStatus status, String title) {
        this.code = code;
        this.status = status;
        this.title = title;
    }

    public String code() {
        return code;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }
}
