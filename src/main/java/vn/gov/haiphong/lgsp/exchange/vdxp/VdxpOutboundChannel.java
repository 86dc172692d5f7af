package vn.gov.haiphong.lgsp.exchange.vdxp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import vn.gov.haiphong.lgsp.exchange.delivery.DeliveryChannel;
import vn.gov.haiphong.lgsp.exchange.delivery.DeliveryFailure;
import vn.gov.haiphong.lgsp.exchange.delivery.OutgoingPackage;
import vn.gov.haiphong.lgsp.registry.ConnectedSystem;
import vn.gov.haiphong.lgsp.registry.RegistryModel.DeliveryMode;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Protocol;
import vn.gov.haiphong.lgsp.security.SecretCipher;
import vn.gov.haiphong.lgsp.security.vdxp.VdxpClientSigner;
import vn.gov.haiphong.lgsp.security.vdxp.VdxpHashFile;

/**
 * Hands packages to another VDXP server with {@code sendEdoc}, exactly as the national axis SDK
 * sends it (raw package + CR LF, signed headers, {@code hash-file}): the old Hải Dương LGSP
 * while its units are cut over (RELAY), the national axis, and agency systems registered for
 * PUSH over VDXP_REST. The platform signs as {@code lgsp.exchange.vdxp-client.system-id} with
 * the secret registered for the target system (the secret the two sides share).
 *
 * <p>The package bytes are sent unchanged. The remote server's sendEdoc is idempotent (same bytes
 * from the same system → the same DocId), so a redelivery after a lost reply is harmless there.
 */
@Component
@Order(100)
public class VdxpOutboundChannel implements DeliveryChannel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecretCipher cipher;
    private final String clientSystemId;
    private final Duration timeout;
    private final HttpClient http;

    public VdxpOutboundChannel(SecretCipher cipher,
                               @Value("${lgsp.exchange.vdxp-client.system-id:lgsp.haiphong}") String clientSystemId,
                               @Value("${lgsp.exchange.vdxp-client.timeout:30s}") Duration timeout) {
        this.cipher = cipher;
        this.clientSystemId = clientSystemId;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public String name() {
        return "vdxp-client";
    }

    @Override
    public boolean serves(ConnectedSystem recipient) {
        return recipient.deliveryUrl() != null && (recipient.deliveryMode() == DeliveryMode.RELAY
                || recipient.deliveryMode() == DeliveryMode.PUSH && !recipient.protocols().contains(Protocol.SOAP)
                && recipient.protocols().contains(Protocol.VDXP_REST));
    }

    @Override
    public String deliver(OutgoingPackage pkg) {
        ConnectedSystem target = pkg.recipient();
        if (target.secretCiphertext() == null) {
            throw new DeliveryFailure("No shared secret is registered for " + target.systemId(), true);
        }
        String endpoint = target.deliveryUrl();
        URI uri;
        try {
            uri = URI.create(endpoint + (endpoint.endsWith("/") ? "" : "/") + "sendEdoc");
        } catch (IllegalArgumentException e) {
            throw new DeliveryFailure("The delivery URL of " + target.systemId() + " is not a URL", true);
        }
        LinkedHashMap<String, String> logical = new LinkedHashMap<>();
        logical.put("systemid", clientSystemId);
        logical.put("from", pkg.fromCode());
        logical.put("servicetype", "eDoc");
        logical.put("messagetype", pkg.messageType());
        logical.put("hash-file", VdxpHashFile.compute(pkg.content()));
        logical.put("timestamp", VdxpClientSigner.timestamp(LocalDateTime.now()));
        logical.put("Content-Type", "application/octet-stream");
        Map<String, String> headers = new VdxpClientSigner(cipher.decrypt(target.secretCiphertext())).sign(logical);
        byte[] body = Arrays.copyOf(pkg.content(), pkg.content().length + 2);
        body[body.length - 2] = '\r';
        body[body.length - 1] = '\n';
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                request.header(name, value);
            }
        });
        request.header("Content-Type", "application/octet-stream");
        request.header("X-LGSP-Delivery-Key", pkg.deliveryKey());
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new DeliveryFailure("sendEdoc to " + target.systemId() + " failed: " + e, false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailure("Interrupted while sending to " + target.systemId(), false, e);
        }
        return docIdFrom(target, response);
    }

    private static String docIdFrom(ConnectedSystem target, HttpResponse<byte[]> response) {
        JsonNode reply;
        try {
            reply = JSON.readTree(response.body());
        } catch (IOException e) {
            reply = null;
        }
        if (reply == null || !reply.isObject()) {
            // An HTML error page, a proxy's 502...: the server may be starting or down; retried.
            throw new DeliveryFailure(target.systemId() + " answered HTTP " + response.statusCode()
                    + " without a VDXP reply", false);
        }
        String status = reply.path("status").asText();
        if ("OK".equals(status) && "0".equals(reply.path("ErrorCode").asText())) {
            String docId = reply.path("DocId").asText("");
            return docId.isEmpty() ? null : docId;
        }
        // The remote server refused this package: trying again changes nothing until someone acts.
        throw new DeliveryFailure(target.systemId() + " refused the package: " + reply.path("ErrorCode").asText()
                + " " + VdxpController.printable(reply.path("ErrorDesc").asText()), true);
    }
}
