package vn.gov.haiphong.lgsp.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.gov.haiphong.lgsp.platform.OncePerTransaction;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.LgspException;
import vn.gov.haiphong.lgsp.platform.events.EventOutbox;
import vn.gov.haiphong.lgsp.registry.RegistryInputs.AgencyInput;
import vn.gov.haiphong.lgsp.registry.RegistryInputs.AliasInput;
import vn.gov.haiphong.lgsp.registry.RegistryInputs.SystemInput;
import vn.gov.haiphong.lgsp.registry.RegistryModel.AgencyStatus;
import vn.gov.haiphong.lgsp.registry.RegistryModel.DeliveryMode;
import vn.gov.haiphong.lgsp.registry.RegistryModel.SignaturePolicy;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Source;
import vn.gov.haiphong.lgsp.security.Certificates;
import vn.gov.haiphong.lgsp.security.SecretCipher;

/**
 * Every write to the registry goes through here: checked against the whole registry (codes,
 * parents, alias chains), recorded in the change log (who, when, what), announced on
 * {@code lgsp.registry-events} through the outbox, and followed by a fresh in-memory snapshot.
 */
@Service
public class RegistryService {

    public static final String TOPIC = "lgsp.registry-events";

    private final RegistryRepository repository;
    private final AgencyResolver resolver;
    /** The in-memory copy is reloaded once per committed transaction that changed it. */
    private final OncePerTransaction resolverReload;
    private final EventOutbox events;
    private final SecretCipher cipher;
    private final ObjectMapper json;

    public RegistryService(RegistryRepository repository, AgencyResolver resolver, EventOutbox events,
                           SecretCipher cipher, ObjectMapper json) {
        this.repository = repository;
        this.resolver = resolver;
        this.resolverReload = new OncePerTransaction(resolver::reload);
        this.events = events;
        this.cipher = cipher;
        this.json = json;
    }

    // --- agencies -----------------------------------------------------------------------------

    @Transactional
    public Agency createAgency(AgencyInput input, String actor) {
        String code = validCode(input.code());
        RegistrySnapshot current = resolver.fromDatabase();
        if (repository.findAgency(code).isPresent() || current.alias(code).isPresent()) {
            throw new LgspException(ErrorCode.AGENCY_EXISTS, "Code " + code + " is already registered");
        }
        Agency agency = toAgency(input, code, Source.ADMIN, null, 1);
        checkParent(agency);
        repository.insertAgency(agency);
        changed(actor, "CREATE", "AGENCY", code, agencyData(agency));
        return agency;
    }

    @Transactional
    public Agency updateAgency(String code, AgencyInput input, String actor) {
        String key = validCode(code);
        Agency existing = repository.findAgency(key)
                .orElseThrow(() -> new LgspException(ErrorCode.AGENCY_NOT_FOUND, "No agency " + key));
        if (input.code() != null && !AgencyCode.normalize(input.code()).equals(key)) {
            throw new LgspException(ErrorCode.VALIDATION_FAILED,
                    "An agency's code cannot change; create the new agency and alias the old code to it");
        }
        Agency updated = toAgency(input, key, existing.source(), existing.sourceId(), existing.version() + 1);
        if (updated.sameFacts(existing)) {
            return existing;
        }
        checkParent(updated);
        repository.updateAgency(updated);
        changed(actor, "UPDATE", "AGENCY", key, agencyData(updated));
        return updated;
    }

    @Transactional
    public void deleteAgency(String code, String actor) {
        String key = validCode(code);
        RegistrySnapshot current = resolver.fromDatabase();
        if (repository.findAgency(key).isEmpty()) {
            throw new LgspException(ErrorCode.AGENCY_NOT_FOUND, "No agency " + key);
        }
        var systems = repository.systemsReferring(key);
        var aliases = current.aliases().stream().filter(a -> a.targetCode().equals(key)).map(Alias::aliasCode).toList();
        var children = current.agencies().stream().filter(a -> key.equals(a.parentCode())).map(Agency::code).toList();
        if (!systems.isEmpty() || !aliases.isEmpty() || !children.isEmpty()) {
            throw new LgspException(ErrorCode.AGENCY_IN_USE, "Agency " + key + " is referred to by systems " + systems
                    + ", aliases " + aliases + ", child agencies " + children + "; close it (status CLOSED) instead");
        }
        repository.deleteAgency(key);
        changed(actor, "DELETE", "AGENCY", key, Map.of("code", key));
    }

    private Agency toAgency(AgencyInput in, String code, Source source, String sourceId, long version) {
        String parent = in.parentCode() == null || in.parentCode().isBlank() ? null : validCode(in.parentCode());
        if (in.validFrom() != null && in.validTo() != null && in.validTo().isBefore(in.validFrom())) {
            throw new LgspException(ErrorCode.VALIDATION_FAILED, "validTo is before validFrom");
        }
        return new Agency(code, in.name().strip(), parent, in.region(),
                in.status() == null ? AgencyStatus.ACTIVE : in.status(), in.validFrom(), in.validTo(),
                blankToNull(in.email()), blankToNull(in.phone()), source, sourceId, version, Instant.now());
    }

    private void checkParent(Agency agency) {
        String parent = agency.parentCode();
        if (parent == null) {
            return;
        }
        if (parent.equals(agency.code())) {
            throw new LgspException(ErrorCode.VALIDATION_FAILED, "An agency cannot be its own parent");
        }
        if (repository.findAgency(parent).isEmpty()) {
            throw new LgspException(ErrorCode.PARENT_NOT_FOUND, "Parent agency " + parent + " does not exist");
        }
    }

    // --- aliases ------------------------------------------------------------------------------

    @Transactional
    public Alias putAlias(AliasInput input, String actor) {
        String aliasCode = validCode(input.aliasCode());
        String target = validCode(input.targetCode());
        Alias alias = new Alias(aliasCode, target, input.source() == null ? Source.ADMIN : input.source(),
                blankToNull(input.note()), Instant.now());
        RegistrySnapshot current = resolver.fromDatabase();
        Map<String, Alias> proposed = new HashMap<>(current.aliasMap());
        Alias previous = proposed.put(aliasCode, alias);
        checkAliases(current.agencyMap(), proposed);
        if (previous == null) {
            repository.insertAlias(alias);
        } else if (previous.targetCode().equals(target) && previous.source() == alias.source()
                && java.util.Objects.equals(previous.note(), alias.note())) {
            return previous;
        } else {
            repository.updateAlias(alias);
        }
        changed(actor, previous == null ? "CREATE" : "UPDATE", "ALIAS", aliasCode, aliasData(alias));
        return alias;
    }

    @Transactional
    public void deleteAlias(String aliasCode, String actor) {
        String key = validCode(aliasCode);
        RegistrySnapshot current = resolver.fromDatabase();
        Map<String, Alias> proposed = new HashMap<>(current.aliasMap());
        if (proposed.remove(key) == null) {
            throw new LgspException(ErrorCode.ALIAS_NOT_FOUND, "No alias " + key);
        }
        checkAliases(current.agencyMap(), proposed);
        repository.deleteAlias(key);
        changed(actor, "DELETE", "ALIAS", key, Map.of("aliasCode", key));
    }

    /** Refuses a set of aliases with a cycle, a dangling target, or an alias hiding an agency. */
    static void checkAliases(Map<String, Agency> agencies, Map<String, Alias> aliases) {
        String problem = RegistrySnapshot.aliasProblem(agencies, aliases);
        if (problem == null) {
            return;
        }
        ErrorCode error = problem.startsWith("alias cycle") ? ErrorCode.ALIAS_CYCLE
                : problem.contains("current code of an agency") ? ErrorCode.ALIAS_SHADOWS_AGENCY
                : ErrorCode.ALIAS_DANGLING;
        throw new LgspException(error, problem);
    }

    // --- systems ------------------------------------------------------------------------------

    @Transactional
    public ConnectedSystem createSystem(SystemInput input, String actor) {
        if (repository.systemExists(input.systemId())) {
            throw new LgspException(ErrorCode.SYSTEM_EXISTS, "System " + input.systemId() + " already exists");
        }
        ConnectedSystem system = toSystem(input, null);
        repository.insertSystem(system, Instant.now());
        changed(actor, "CREATE", "SYSTEM", system.systemId(), systemData(system, input.secret() != null));
        return system;
    }

    @Transactional
    public ConnectedSystem updateSystem(String systemId, SystemInput input, String actor) {
        ConnectedSystem existing = requireSystem(systemId);
        if (!existing.systemId().equals(input.systemId())) {
            throw new LgspException(ErrorCode.VALIDATION_FAILED, "systemId in the body differs from the path");
        }
        ConnectedSystem system = toSystem(input, existing);
        repository.updateSystem(system, Instant.now());
        changed(actor, "UPDATE", "SYSTEM", systemId, systemData(system, input.secret() != null));
        return system;
    }

    @Transactional
    public void deleteSystem(String systemId, String actor) {
        requireSystem(systemId);
        repository.deleteSystem(systemId);
        changed(actor, "DELETE", "SYSTEM", systemId, Map.of("systemId", systemId));
    }

    @Transactional
    public SystemCertificate addCertificate(String systemId, String pem, String actor) {
        requireSystem(systemId);
        X509Certificate x509;
        try {
            x509 = Certificates.parsePem(pem);
        } catch (IllegalArgumentException e) {
            throw new LgspException(ErrorCode.CERTIFICATE_INVALID, e.getMessage());
        }
        SystemCertificate certificate = new SystemCertificate(Certificates.fingerprint(x509),
                x509.getSubjectX500Principal().getName(), x509.getIssuerX500Principal().getName(),
                x509.getSerialNumber().toString(16), x509.getNotBefore().toInstant(), x509.getNotAfter().toInstant(),
                Certificates.toPem(x509));
        if (repository.certificateExists(certificate.fingerprint())) {
            throw new LgspException(ErrorCode.CERTIFICATE_EXISTS,
                    "Certificate " + certificate.fingerprint() + " is already registered");
        }
        repository.insertCertificate(systemId, certificate, Instant.now());
        changed(actor, "ADD_CERTIFICATE", "SYSTEM", systemId, Map.of("fingerprint", certificate.fingerprint(),
                "subject", certificate.subject(), "notAfter", certificate.notAfter().toString()));
        return certificate;
    }

    @Transactional
    public void removeCertificate(String systemId, String fingerprint, String actor) {
        requireSystem(systemId);
        if (repository.deleteCertificate(systemId, fingerprint) == 0) {
            throw new LgspException(ErrorCode.NOT_FOUND, "System " + systemId + " has no certificate " + fingerprint);
        }
        changed(actor, "REMOVE_CERTIFICATE", "SYSTEM", systemId, Map.of("fingerprint", fingerprint));
    }

    /** The plaintext HMAC secret of a system, for request verification only. */
    public String secretOf(ConnectedSystem system) {
        return system.secretCiphertext() == null ? null : cipher.decrypt(system.secretCiphertext());
    }

    private ConnectedSystem requireSystem(String systemId) {
        return repository.findAllSystems().stream().filter(s -> s.systemId().equals(systemId)).findFirst()
                .orElseThrow(() -> new LgspException(ErrorCode.SYSTEM_NOT_FOUND, "No system " + systemId));
    }

    private ConnectedSystem toSystem(SystemInput in, ConnectedSystem existing) {
        RegistrySnapshot current = resolver.fromDatabase();
        String owner = currentCode(current, in.ownerAgency(), "ownerAgency");
        Set<String> agencies = new LinkedHashSet<>();
        for (String code : in.agencies()) {
            agencies.add(currentCode(current, code, "agencies"));
        }
        agencies.add(owner);
        if ((in.deliveryMode() == DeliveryMode.PUSH || in.deliveryMode() == DeliveryMode.RELAY)
                && !isHttpUrl(in.deliveryUrl())) {
            throw new LgspException(ErrorCode.SYSTEM_INVALID,
                    "deliveryMode " + in.deliveryMode() + " needs an http(s) deliveryUrl");
        }
        String secret;
        if (in.secret() != null) {
            if (!cipher.isConfigured()) {
                throw new LgspException(ErrorCode.MASTER_KEY_MISSING, ErrorCode.MASTER_KEY_MISSING.title());
            }
            secret = cipher.encrypt(in.secret());
        } else {
            secret = existing == null ? null : existing.secretCiphertext();
        }
        return new ConnectedSystem(in.systemId().strip(), in.name().strip(), owner, Set.copyOf(agencies),
                Set.copyOf(in.protocols()), in.deliveryMode(),
                in.deliveryMode() == DeliveryMode.PULL ? blankToNull(in.deliveryUrl()) : in.deliveryUrl().strip(),
                in.signaturePolicy() == null ? SignaturePolicy.IF_PRESENT : in.signaturePolicy(),
                in.enabled() == null || in.enabled(), secret,
                existing == null ? java.util.List.of() : existing.certificates());
    }

    /** Systems are bound to current codes: an alias given here is stored as what it resolves to. */
    private static String currentCode(RegistrySnapshot current, String code, String field) {
        return current.resolve(validCode(code)).map(r -> r.agency().code())
                .orElseThrow(() -> new LgspException(ErrorCode.SYSTEM_INVALID, field + ": unknown agency " + code));
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url == null ? "" : url.strip());
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // --- shared -------------------------------------------------------------------------------

    public static String validCode(String code) {
        String normalized = AgencyCode.normalize(code);
        String problem = AgencyCode.problem(normalized);
        if (problem != null) {
            throw new LgspException(ErrorCode.INVALID_AGENCY_CODE, "'" + code + "': " + problem);
        }
        return normalized;
    }

    /** Change log row + event in this transaction; a fresh snapshot once it commits. */
    public void changed(String actor, String action, String entity, String key, Map<String, Object> data) {
        String detail;
        try {
            detail = json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Change detail is not serialisable", e);
        }
        repository.recordChange(Instant.now(), actor, action, entity, key, detail);
        events.append(TOPIC, entity + "_" + action, key, actor, data);
        resolverReload.request();
    }

    static Map<String, Object> agencyData(Agency a) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("code", a.code());
        data.put("name", a.name());
        data.put("parentCode", a.parentCode());
        data.put("region", a.region().name());
        data.put("status", a.status().name());
        data.put("validFrom", a.validFrom() == null ? null : a.validFrom().toString());
        data.put("validTo", a.validTo() == null ? null : a.validTo().toString());
        data.put("version", a.version());
        return data;
    }

    static Map<String, Object> aliasData(Alias a) {
        return Map.of("aliasCode", a.aliasCode(), "targetCode", a.targetCode(), "source", a.source().name());
    }

    /** Never the secret, only whether this change set one. */
    static Map<String, Object> systemData(ConnectedSystem s, boolean secretChanged) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("systemId", s.systemId());
        data.put("ownerAgency", s.ownerAgency());
        data.put("agencies", s.agencies().stream().sorted().toList());
        data.put("protocols", s.protocols().stream().map(Enum::name).sorted().toList());
        data.put("deliveryMode", s.deliveryMode().name());
        data.put("deliveryUrl", s.deliveryUrl());
        data.put("signaturePolicy", s.signaturePolicy().name());
        data.put("enabled", s.enabled());
        data.put("secretChanged", secretChanged);
        return data;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

}
