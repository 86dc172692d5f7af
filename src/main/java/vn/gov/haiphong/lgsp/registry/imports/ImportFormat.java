package vn.gov.haiphong.lgsp.registry.imports;

import vn.gov.haiphong.lgsp.registry.RegistryModel.Source;

/** The legacy registry formats the platform reads (see etc/registry/README.md). */
public enum ImportFormat {
    /** The former Hải Phòng LGSP's CSV export. */
    HP_CSV(Source.HP_PLATFORM),
    /** The former Hải Dương LGSP's JSON export, in the national axis getAgenciesList shape. */
    HD_JSON(Source.HD_PLATFORM);

    private final Source source;

    ImportFormat(Source source) {
        this.source = source;
    }

    public Source source() {
        return source;
    }
}
