package io.plausiblewebhooks.adapter.rest;

/** Request bodies that are not optional. */
public final class Bodies {
    private Bodies() {
    }

    /** @throws MalformedRequestException (400) when the request had no body */
    public static <T extends ApiRequest> T require(T body) {
        if (body == null) {
            throw new MalformedRequestException("a JSON object body is required");
        }
        return body;
    }
}
