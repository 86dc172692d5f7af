package vn.gov.haiphong.lgsp.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** HTTP/1.1 over a raw socket, for headers ordinary clients refuse to send (Host, Connection, TE, Keep-Alive) and unnormalised paths. */
final class RawGatewayHttp {

    record Response(int status, List<String[]> headers, byte[] body) {
        String header(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst().orElse(null);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private RawGatewayHttp() {
    }

    static Response send(int port, String method, String target, Map<String, String> headers, byte[] body)
            throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            // A Host given among the headers replaces localhost's (a client may write any).
            StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: "
                    + headers.getOrDefault("Host", "localhost:" + port) + "\r\nConnection: close\r\n");
            headers.forEach((name, value) -> {
                if (!name.equals("Host")) {
                    head.append(name).append(": ").append(value).append("\r\n");
                }
            });
            head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String status = line(in);
            List<String[]> responseHeaders = new ArrayList<>();
            long length = -1;
            boolean chunked = false;
            for (String l; !(l = line(in)).isEmpty(); ) {
                int colon = l.indexOf(':');
                String name = l.substring(0, colon).strip();
                String value = l.substring(colon + 1).strip();
                responseHeaders.add(new String[] {name, value});
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                    chunked = true;
                }
            }
            ByteArrayOutputStream bodyOut = new ByteArrayOutputStream();
            if (chunked) {
                for (int size; (size = Integer.parseInt(line(in).split(";")[0].strip(), 16)) > 0; ) {
                    bodyOut.write(in.readNBytes(size));
                    line(in);
                }
            } else if (length >= 0) {
                bodyOut.write(in.readNBytes((int) length));
            } else {
                bodyOut.write(in.readAllBytes());
            }
            return new Response(Integer.parseInt(status.split(" ")[1]), responseHeaders, bodyOut.toByteArray());
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c; (c = in.read()) >= 0; ) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }
}
