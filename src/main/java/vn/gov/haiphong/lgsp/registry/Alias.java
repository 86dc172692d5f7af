package vn.gov.haiphong.lgsp.registry;

import java.time.Instant;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Source;

/** A legacy code (for example a Hải Dương H26 code) that now names the unit at {@code targetCode}. */
public record Alias(String aliasCode, String targetCode, Source source, String note, Instant createdAt) {
}
