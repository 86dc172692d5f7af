package vn.gov.haiphong.lgsp.platform;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A configured public address of the platform ({@code lgsp.gateway.public-url},
 * {@code lgsp.soap.public-url}): where clients reach it, written into the addresses it publishes
 * instead of anything a request says. Checked the same way for every such setting.
 */
public final class PublicUrl {

    private PublicUrl() {
    }

    /**
     * @return the URL without trailing slashes, or "" when unset
     * @throws IllegalStateException when it is not an absolute http(s) URL with a host and without
     *                               user info, query or fragment
     */
    public static String normalise(String property, String value) {
        String url = value == null ? "" : value.strip().replaceAll("/+$", "");
        if (url.isEmpty()) {
            return url;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getRawUserInfo() == null
                    && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new IllegalStateException(property + " must be an absolute http(s) URL without query or fragment, "
                + "e.g. https://lgsp.haiphong.gov.vn; got " + value);
    }
}
