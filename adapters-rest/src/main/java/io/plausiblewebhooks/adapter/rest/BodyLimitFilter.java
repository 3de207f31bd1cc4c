package io.plausiblewebhooks.adapter.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Caps request bodies at 1 MiB: a larger {@code Content-Length} is refused before anything is
 * read, and a body without one (chunked) fails with 413 as soon as it reads past the cap.
 */
@PreMatching
@Priority(500)
public class BodyLimitFilter implements ContainerRequestFilter {
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        if (request.hasEntity()) {
            request.setEntityStream(new CappedInputStream(request.getEntityStream(), MAX_BODY_BYTES));
        }
    }

    static WebApplicationException tooLarge() {
        return new WebApplicationException(Response.Status.REQUEST_ENTITY_TOO_LARGE);
    }

    /** Throws 413 once more than {@code limit} bytes were read. */
    static final class CappedInputStream extends FilterInputStream {
        private final long limit;
        private long count;

        CappedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) {
            count += n;
            if (count > limit) {
                throw tooLarge();
            }
        }
    }
}
