package com.csmflow.api;

import jakarta.persistence.criteria.Path;
import java.time.Instant;
import org.springframework.data.jpa.domain.Specification;

/**
 * Optional filters of an {@code /api} list as parts of the database query's WHERE clause: a filter
 * whose value is absent adds nothing. Attribute paths may be nested ({@code origin.businessKey}).
 */
public final class ListFilters {

    private ListFilters() {}

    public static <T> Specification<T> equal(String attribute, Object value) {
        return (root, query, cb) -> value == null ? null : cb.equal(path(root, attribute), value);
    }

    public static <T> Specification<T> after(String attribute, Instant value) {
        return (root, query, cb) -> value == null ? null : cb.greaterThan(path(root, attribute), value);
    }

    public static <T> Specification<T> before(String attribute, Instant value) {
        return (root, query, cb) -> value == null ? null : cb.lessThan(path(root, attribute), value);
    }

    @SafeVarargs
    public static <T> Specification<T> allOf(Specification<T>... filters) {
        return (root, query, cb) -> {
            var predicates = new java.util.ArrayList<jakarta.persistence.criteria.Predicate>();
            for (Specification<T> filter : filters) {
                var predicate = filter.toPredicate(root, query, cb);
                if (predicate != null) {
                    predicates.add(predicate);
                }
            }
            return cb.and(predicates.toArray(jakarta.persistence.criteria.Predicate[]::new));
        };
    }

    private static <Y> Path<Y> path(Path<?> root, String attribute) {
        Path<?> path = root;
        for (String part : attribute.split("\\.")) {
            path = path.get(part);
        }
        @SuppressWarnings("unchecked")
        Path<Y> typed = (Path<Y>) path;
        return typed;
    }
}
