package io.plausiblewebhooks.adapter.rest;

import java.util.List;

/** The envelope of every list answer: {@code {"data": [...]}}. */
public record DataList<T>(List<T> data) {
    public DataList {
        data = List.copyOf(data);
    }
}
