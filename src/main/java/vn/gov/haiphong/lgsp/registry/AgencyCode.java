package vn.gov.haiphong.lgsp.registry;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Agency identification codes: the QCVN 102 13-character form {@code 000.00.00.H27} and the
 * Decision 20/2020/QĐ-TTg form (up to 35 characters of 0-9 and A-Z in dot-separated groups).
 */
public final class AgencyCode {

    private static final Pattern QCVN_102 = Pattern.compile("\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z][0-9A-Z]{2}");
    private static final Pattern QD_20 = Pattern.compile("[0-9A-Z]+(\\.[0-9A-Z]+)*");
    public static final int MAX_LENGTH = 35;

    /** The level-1 part of the closed Hải Dương code space; its units live on as aliases only. */
    public static final String CLOSED_HAI_DUONG = "H26";
    /** The merged city keeps Hải Phòng's level-1 code (Decision 09/2025/QĐ-TTg). */
    public static final String HAI_PHONG = "H27";

    private AgencyCode() {
    }

    /** Trims and upper-cases; codes are compared in this form everywhere. */
    public static String normalize(String code) {
        return code == null ? null : code.strip().toUpperCase(Locale.ROOT);
    }

    public static boolean isQcvn102(String code) {
        return code != null && QCVN_102.matcher(code).matches();
    }

    public static boolean isValid(String code) {
        return code != null && !code.isEmpty() && code.length() <= MAX_LENGTH && QD_20.matcher(code).matches()
                && (isQcvn102(code) || !looksLikeQcvn102Attempt(code));
    }

    /** Why a code is not valid, or null when it is. */
    public static String problem(String code) {
        if (code == null || code.isBlank()) {
            return "code is empty";
        }
        if (code.length() > MAX_LENGTH) {
            return "code is longer than " + MAX_LENGTH + " characters";
        }
        if (!QD_20.matcher(code).matches()) {
            return "code may contain only 0-9 and A-Z in dot-separated groups";
        }
        if (!isQcvn102(code) && looksLikeQcvn102Attempt(code)) {
            return "code ends in a QCVN 102 level-1 part (" + levelOne(code)
                    + ") but is not of the 13-character form 000.00.00.Hxx";
        }
        return null;
    }

    /**
     * A code ending in a letter and two characters after a dot (G22, H27, K26) claims the QCVN 102
     * scheme, so it must have its full 13-character form; {@code 28.22.H17} is such a broken code.
     */
    private static boolean looksLikeQcvn102Attempt(String code) {
        return code.matches(".*\\.[GHK][0-9]{2}");
    }

    /** The level-1 part of a QCVN 102 code ({@code H27}), or null for other forms. */
    public static String levelOne(String code) {
        int dot = code == null ? -1 : code.lastIndexOf('.');
        return dot < 0 ? null : code.substring(dot + 1);
    }

    public static boolean isHaiDuong(String code) {
        return CLOSED_HAI_DUONG.equals(levelOne(code));
    }
}
