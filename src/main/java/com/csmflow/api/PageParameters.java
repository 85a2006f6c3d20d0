package com.csmflow.api;

import java.util.List;
import java.util.function.Function;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The {@code page} and {@code size} query parameters of every {@code /api} list: checked once here so
 * that every list pages in its database query with the same limits, and answers the same way (a JSON
 * array, the paging in the {@code X-Total-Count} and {@code Link} headers).
 */
public record PageParameters(int page, int size) {

    public static final String DEFAULT_SIZE = "50";
    public static final int MAX_SIZE = 200;
    public static final String TOTAL_COUNT_HEADER = "X-Total-Count";

    /** 400 naming the field when a value is out of range. */
    public PageParameters {
        if (page < 0) {
            throw new InvalidFieldException("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidFieldException("size", "must be between 1 and " + MAX_SIZE);
        }
        if ((long) page * size > Integer.MAX_VALUE) {
            // the offset page * size must fit the database query's int offset
            throw new InvalidFieldException("page", "is beyond the last possible page for this size");
        }
    }

    /** The page for a repository query; the sort must end in a unique column, so pages never overlap. */
    public Pageable sortedBy(Sort sort) {
        return PageRequest.of(page, size, sort);
    }

    /** 200 with the page's rows as a JSON array and the paging headers. */
    public static <V> ResponseEntity<List<V>> response(Page<V> found) {
        return response(found, Function.identity());
    }

    /** 200 with the page's rows as a JSON array, {@code X-Total-Count} and a {@code Link} to the next page if any. */
    public static <E, V> ResponseEntity<List<V>> response(Page<E> found, Function<? super E, V> view) {
        ResponseEntity.BodyBuilder answer =
                ResponseEntity.ok().header(TOTAL_COUNT_HEADER, Long.toString(found.getTotalElements()));
        if (found.hasNext()) {
            String next = ServletUriComponentsBuilder.fromCurrentRequest()
                    .replaceQueryParam("page", found.getNumber() + 1)
                    .replaceQueryParam("size", found.getSize())
                    .build()
                    .toUriString();
            answer.header("Link", "<" + next + ">; rel=\"next\"");
        }
        return answer.body(found.getContent().stream().<V>map(view).toList());
    }
}
