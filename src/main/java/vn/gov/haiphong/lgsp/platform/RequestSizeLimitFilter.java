package vn.gov.haiphong.lgsp.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.ProblemJson;

/**
 * Size limits on request bodies, enforced before a body is buffered: a declared Content-Length
 * over the limit is refused at once, without reading it, and a chunked body is cut off as soon as
 * it passes the limit. The admin and data APIs' limit is built in; protocol endpoints add theirs as
 * {@link Limit} beans, each answering in its own protocol's form.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    /** A limit on the request bodies under one path prefix, and how to refuse one. */
    public interface Limit {
        /** Requests whose URI starts with this are limited (e.g. {@code /vdxp/}). */
        String pathPrefix();

        long maxBytes();

        /** Writes the refusal; the response is not committed yet. */
        void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException;
    }

    private final List<Limit> limits;

    public RequestSizeLimitFilter(@Value("${lgsp.limits.admin-request-body:10MB}") DataSize max, ObjectMapper json,
                                  List<Limit> protocolLimits) {
        List<Limit> all = new ArrayList<>(protocolLimits);
        all.add(problemJsonLimit("/api/admin/", max.toBytes(), json));
        all.add(problemJsonLimit("/api/data/", max.toBytes(), json));
        // Jolokia (and Hawtio's path to it) reads whole JSON requests too.
        all.add(problemJsonLimit("/actuator/", max.toBytes(), json));
        this.limits = List.copyOf(all);
    }

    /** A limit that refuses in problem+json, the form of the platform's own REST APIs. */
    private static Limit problemJsonLimit(String prefix, long maxBytes, ObjectMapper json) {
        return new Limit() {
            @Override
            public String pathPrefix() {
                return prefix;
            }

            @Override
            public long maxBytes() {
                return maxBytes;
            }

            @Override
            public void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
                ProblemJson.write(response, json, ErrorCode.PAYLOAD_TOO_LARGE,
                        "Request bodies here are limited to " + maxBytes + " bytes");
            }
        };
    }

    private Limit limitFor(HttpServletRequest request) {
        String uri = request.getRequestURI();
        for (Limit limit : limits) {
            if (uri.startsWith(limit.pathPrefix())) {
                return limit;
            }
        }
        return null;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return limitFor(request) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Limit limit = limitFor(request);
        if (request.getContentLengthLong() > limit.maxBytes()) {
            limit.refuse(request, response);
            return;
        }
        try {
            chain.doFilter(new LimitedRequest(request, limit.maxBytes()), response);
        } catch (BodyTooLargeException | ServletException e) {
            if (!(e instanceof BodyTooLargeException) && !(e.getCause() instanceof BodyTooLargeException)) {
                throw e;
            }
            if (!response.isCommitted()) {
                response.reset();
                limit.refuse(request, response);
            }
        }
    }

    /** Thrown by the limited body stream once more than the limit has been read. */
    public static final class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("request body over the limit");
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long max;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long count;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0 && ++count > max) {
                            throw new BodyTooLargeException();
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0 && (count += n) > max) {
                            throw new BodyTooLargeException();
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
