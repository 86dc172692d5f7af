package vn.gov.haiphong.lgsp.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import vn.gov.haiphong.lgsp.registry.RegistryModel.AgencyStatus;
import vn.gov.haiphong.lgsp.registry.RegistryModel.DeliveryMode;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Protocol;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Region;
import vn.gov.haiphong.lgsp.registry.RegistryModel.SignaturePolicy;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Source;

/** Plain JDBC over the registry tables; the same SQL runs on H2 and PostgreSQL. */
@Repository
public class RegistryRepository {

    private final JdbcClient jdbc;

    public RegistryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- agencies -----------------------------------------------------------------------------

    public List<Agency> findAllAgencies() {
        return jdbc.sql("SELECT * FROM agency ORDER BY code").query(this::agency).list();
    }

    public Optional<Agency> findAgency(String code) {
        return jdbc.sql("SELECT * FROM agency WHERE code = ?").param(code).query(this::agency).optional();
    }

    public void insertAgency(Agency a) {
        jdbc.sql("""
                INSERT INTO agency (code, name, parent_code, region, status, valid_from, valid_to, email, phone,
                                    source, source_id, version, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(a.code(), a.name(), a.parentCode(), a.region().name(), a.status().name(), a.validFrom(),
                        a.validTo(), a.email(), a.phone(), a.source().name(), a.sourceId(), a.version(), ts(a.updatedAt()))
                .update();
    }

    public void updateAgency(Agency a) {
        jdbc.sql("""
                UPDATE agency SET name = ?, parent_code = ?, region = ?, status = ?, valid_from = ?, valid_to = ?,
                                  email = ?, phone = ?, source = ?, source_id = ?, version = ?, updated_at = ?
                WHERE code = ?""")
                .params(a.name(), a.parentCode(), a.region().name(), a.status().name(), a.validFrom(), a.validTo(),
                        a.email(), a.phone(), a.source().name(), a.sourceId(), a.version(), ts(a.updatedAt()), a.code())
                .update();
    }

    public int deleteAgency(String code) {
        return jdbc.sql("DELETE FROM agency WHERE code = ?").param(code).update();
    }

    private Agency agency(ResultSet rs, int row) throws SQLException {
        return new Agency(rs.getString("code"), rs.getString("name"), rs.getString("parent_code"),
                Region.valueOf(rs.getString("region")), AgencyStatus.valueOf(rs.getString("status")),
                rs.getObject("valid_from", java.time.LocalDate.class), rs.getObject("valid_to", java.time.LocalDate.class),
                rs.getString("email"), rs.getString("phone"), Source.valueOf(rs.getString("source")),
                rs.getString("source_id"), rs.getLong("version"), instant(rs, "updated_at"));
    }

    // --- aliases ------------------------------------------------------------------------------

    public List<Alias> findAllAliases() {
        return jdbc.sql("SELECT * FROM agency_alias ORDER BY alias_code").query(this::alias).list();
    }

    public void insertAlias(Alias a) {
        jdbc.sql("INSERT INTO agency_alias (alias_code, target_code, source, note, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(a.aliasCode(), a.targetCode(), a.source().name(), a.note(), ts(a.createdAt())).update();
    }

    public void updateAlias(Alias a) {
        jdbc.sql("UPDATE agency_alias SET target_code = ?, source = ?, note = ? WHERE alias_code = ?")
                .params(a.targetCode(), a.source().name(), a.note(), a.aliasCode()).update();
    }

    public int deleteAlias(String aliasCode) {
        return jdbc.sql("DELETE FROM agency_alias WHERE alias_code = ?").param(aliasCode).update();
    }

    private Alias alias(ResultSet rs, int row) throws SQLException {
        return new Alias(rs.getString("alias_code"), rs.getString("target_code"), Source.valueOf(rs.getString("source")),
                rs.getString("note"), instant(rs, "created_at"));
    }

    // --- systems ------------------------------------------------------------------------------

    public List<ConnectedSystem> findAllSystems() {
        Map<String, Set<String>> agencies = new HashMap<>();
        jdbc.sql("SELECT system_id, agency_code FROM system_agency ORDER BY agency_code").query(rs -> {
            agencies.computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>()).add(rs.getString(2));
        });
        Map<String, List<SystemCertificate>> certificates = new HashMap<>();
        jdbc.sql("SELECT * FROM system_certificate ORDER BY not_after DESC").query(rs -> {
            certificates.computeIfAbsent(rs.getString("system_id"), k -> new ArrayList<>()).add(certificate(rs));
        });
        return jdbc.sql("SELECT * FROM connected_system ORDER BY system_id")
                .query((rs, row) -> system(rs, agencies.getOrDefault(rs.getString("system_id"), Set.of()),
                        certificates.getOrDefault(rs.getString("system_id"), List.of())))
                .list();
    }

    public boolean systemExists(String systemId) {
        return jdbc.sql("SELECT COUNT(*) FROM connected_system WHERE system_id = ?").param(systemId)
                .query(Integer.class).single() > 0;
    }

    public void insertSystem(ConnectedSystem s, Instant at) {
        jdbc.sql("""
                INSERT INTO connected_system (system_id, name, owner_agency, protocols, delivery_mode, delivery_url,
                                              signature_policy, hmac_secret_enc, enabled, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(s.systemId(), s.name(), s.ownerAgency(), joinEnums(s.protocols()), s.deliveryMode().name(),
                        s.deliveryUrl(), s.signaturePolicy().name(), s.secretCiphertext(), s.enabled(), ts(at), ts(at))
                .update();
        replaceSystemAgencies(s.systemId(), s.agencies());
    }

    public void updateSystem(ConnectedSystem s, Instant at) {
        jdbc.sql("""
                UPDATE connected_system SET name = ?, owner_agency = ?, protocols = ?, delivery_mode = ?,
                       delivery_url = ?, signature_policy = ?, hmac_secret_enc = ?, enabled = ?, updated_at = ?
                WHERE system_id = ?""")
                .params(s.name(), s.ownerAgency(), joinEnums(s.protocols()), s.deliveryMode().name(), s.deliveryUrl(),
                        s.signaturePolicy().name(), s.secretCiphertext(), s.enabled(), ts(at), s.systemId())
                .update();
        replaceSystemAgencies(s.systemId(), s.agencies());
    }

    private void replaceSystemAgencies(String systemId, Set<String> agencies) {
        jdbc.sql("DELETE FROM system_agency WHERE system_id = ?").param(systemId).update();
        for (String code : agencies) {
            jdbc.sql("INSERT INTO system_agency (system_id, agency_code) VALUES (?, ?)").params(systemId, code).update();
        }
    }

    public int deleteSystem(String systemId) {
        return jdbc.sql("DELETE FROM connected_system WHERE system_id = ?").param(systemId).update();
    }

    /** Systems referring to an agency (as owner or as an agency they act for). */
    public List<String> systemsReferring(String agencyCode) {
        return jdbc.sql("""
                SELECT system_id FROM connected_system WHERE owner_agency = ?
                UNION SELECT system_id FROM system_agency WHERE agency_code = ?""")
                .params(agencyCode, agencyCode).query(String.class).list();
    }

    public void insertCertificate(String systemId, SystemCertificate c, Instant at) {
        jdbc.sql("""
                INSERT INTO system_certificate (fingerprint, system_id, subject, issuer, serial, not_before, not_after,
                                                pem, added_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(c.fingerprint(), systemId, c.subject(), c.issuer(), c.serial(), ts(c.notBefore()),
                        ts(c.notAfter()), c.pem(), ts(at))
                .update();
    }

    public int deleteCertificate(String systemId, String fingerprint) {
        return jdbc.sql("DELETE FROM system_certificate WHERE system_id = ? AND fingerprint = ?")
                .params(systemId, fingerprint).update();
    }

    public boolean certificateExists(String fingerprint) {
        return jdbc.sql("SELECT COUNT(*) FROM system_certificate WHERE fingerprint = ?").param(fingerprint)
                .query(Integer.class).single() > 0;
    }

    private ConnectedSystem system(ResultSet rs, Set<String> agencies, List<SystemCertificate> certificates)
            throws SQLException {
        Set<Protocol> protocols = Arrays.stream(rs.getString("protocols").split(",")).filter(s -> !s.isBlank())
                .map(Protocol::valueOf).collect(Collectors.toCollection(() -> EnumSet.noneOf(Protocol.class)));
        return new ConnectedSystem(rs.getString("system_id"), rs.getString("name"), rs.getString("owner_agency"),
                Set.copyOf(agencies), Set.copyOf(protocols), DeliveryMode.valueOf(rs.getString("delivery_mode")),
                rs.getString("delivery_url"), SignaturePolicy.valueOf(rs.getString("signature_policy")),
                rs.getBoolean("enabled"), rs.getString("hmac_secret_enc"), List.copyOf(certificates));
    }

    private SystemCertificate certificate(ResultSet rs) throws SQLException {
        return new SystemCertificate(rs.getString("fingerprint"), rs.getString("subject"), rs.getString("issuer"),
                rs.getString("serial"), instant(rs, "not_before"), instant(rs, "not_after"), rs.getString("pem"));
    }

    // --- change log and imports ---------------------------------------------------------------

    public void recordChange(Instant at, String actor, String action, String entity, String key, String detail) {
        jdbc.sql("""
                INSERT INTO registry_change (changed_at, actor, action, entity, entity_key, detail)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(ts(at), actor, action, entity, key, detail).update();
    }

    /** {@code detail} is the change as JSON, served as JSON (not as a string of it). */
    public record ChangeRecord(long id, Instant changedAt, String actor, String action, String entity, String entityKey,
                               @com.fasterxml.jackson.annotation.JsonRawValue String detail) {
    }

    public List<ChangeRecord> recentChanges(int limit) {
        return jdbc.sql("SELECT * FROM registry_change ORDER BY id DESC FETCH FIRST " + Math.max(1, Math.min(limit, 1000))
                        + " ROWS ONLY")
                .query((rs, row) -> new ChangeRecord(rs.getLong("id"), instant(rs, "changed_at"), rs.getString("actor"),
                        rs.getString("action"), rs.getString("entity"), rs.getString("entity_key"),
                        rs.getString("detail")))
                .list();
    }

    public long insertImport(String format, String fileName, String sha256, Instant at, String actor, int changes,
                             int conflicts, String reportJson) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO registry_import (format, file_name, sha256, imported_at, actor, changes, conflicts, report)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(format, fileName, sha256, ts(at), actor, changes, conflicts, reportJson)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public void updateImportReport(long id, String reportJson) {
        jdbc.sql("UPDATE registry_import SET report = ? WHERE id = ?").params(reportJson, id).update();
    }

    public record ImportRecord(long id, String format, String fileName, String sha256, Instant importedAt, String actor,
                               int changes, int conflicts, String report) {
    }

    public List<ImportRecord> imports(int limit) {
        return jdbc.sql("SELECT * FROM registry_import ORDER BY id DESC FETCH FIRST " + Math.max(1, Math.min(limit, 1000))
                        + " ROWS ONLY")
                .query(this::importRecord).list();
    }

    public Optional<ImportRecord> findImport(long id) {
        return jdbc.sql("SELECT * FROM registry_import WHERE id = ?").param(id).query(this::importRecord).optional();
    }

    private ImportRecord importRecord(ResultSet rs, int row) throws SQLException {
        return new ImportRecord(rs.getLong("id"), rs.getString("format"), rs.getString("file_name"),
                rs.getString("sha256"), instant(rs, "imported_at"), rs.getString("actor"), rs.getInt("changes"),
                rs.getInt("conflicts"), rs.getString("report"));
    }

    public boolean isEmpty() {
        return jdbc.sql("SELECT COUNT(*) FROM agency").query(Integer.class).single() == 0;
    }

    // --- helpers ------------------------------------------------------------------------------

    private static String joinEnums(Set<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

}
