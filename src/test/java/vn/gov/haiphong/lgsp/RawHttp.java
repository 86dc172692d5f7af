package vn.gov.haiphong.lgsp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a raw socket, for what ordinary clients hide: interim {@code 100 Continue}
 * responses, a Content-Length the body never delivers, and the client's own address (the JDK
 * client cannot bind one; Linux routes all of 127/8 to the loopback interface).
 */
public final class RawHttp {

    /**
     * The final response, the status lines of the interim responses before it, and its headers
     * (names lower-cased, the last value of a repeated header).
     */
    public record Response(int status, List<String> interim, Map<String, String> headers, byte[] body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private RawHttp() {
    }

    /**
     * Sends the request head with {@code Content-Length: declaredLength}; if {@code body} is not
     * null, sends it (after a {@code 100 Continue} when {@code Expect: 100-continue} is among the
     * headers), otherwise sends no body at all. Reads one final response.
     */
    public static Response exchange(int port, String method, String path, Map<String, String> headers,
                                    long declaredLength, byte[] body) throws IOException {
        return exchange(null, port, method, path, headers, declaredLength, body);
    }

    /** One request with a complete body (or none) from {@code localAddress}, e.g. 127.0.0.2. */
    public static Response exchange(String localAddress, int port, String method, String path,
                                    Map<String, String> headers, byte[] body) throws IOException {
        return exchange(InetAddress.getByName(localAddress), port, method, path, headers,
                body == null ? 0 : body.length, body);
    }

    private static Response exchange(InetAddress localAddress, int port, String method, String path,
                                     Map<String, String> headers, long declaredLength, byte[] body) throws IOException {
        try (Socket socket = localAddress == null ? new Socket("localhost", port)
                : new Socket(InetAddress.getByName("127.0.0.1"), port, localAddress, 0)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("Content-Length: ").append(declaredLength).append("\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            boolean expectContinue = headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("Expect"));
            List<String> interim = new ArrayList<>();
            if (body != null) {
                if (expectContinue) {
                    String statusLine = readLine(in);
                    interim.add(statusLine);
                    while (!readLine(in).isEmpty()) {
                        // interim response headers
                    }
                    if (!statusLine.contains(" 100")) {
                        return finish(in, statusLine, interim);
                    }
                }
                try {
                    out.write(body);
                    out.flush();
                } catch (SocketException closed) {
                    // The server may answer and close before taking the whole body.
                }
            }
            return finish(in, readLine(in), interim);
        }
    }

    private static Response finish(InputStream in, String statusLine, List<String> interim) throws IOException {
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new TreeMap<>();
        String line;
        while (!(line = readLine(in)).isEmpty()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        long length = headers.containsKey("content-length") ? Long.parseLong(headers.get("content-length")) : -1;
        boolean chunked = headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            while (true) {
                int size = Integer.parseInt(readLine(in).split(";")[0].strip(), 16);
                if (size == 0) {
                    readLine(in);
                    break;
                }
                body.write(in.readNBytes(size));
                readLine(in);
            }
        } else if (length >= 0) {
            body.write(in.readNBytes((int) length));
        }
        return new Response(status, interim, headers, body.toByteArray());
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        if (b < 0 && line.size() == 0) {
            throw new IOException("connection closed before a response line");
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
