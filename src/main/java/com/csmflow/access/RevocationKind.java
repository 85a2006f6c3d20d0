package com.csmflow.access;

/** Why a right was revoked: asked for, replaced by a changed right, its end date passed, or an access review. */
public enum RevocationKind {
    /** Someone asked for it (POST /api/access-rights/{ref}/revocation). */
    REQUESTED,
    /** A changed right (a new request naming this one in {@code supersedes}) became active. */
    SUPERSEDED,
    /** The end date passed: automatic. */
    EXPIRED,
    /** The reviewer of an access review revoked it. */
    REVIEW,
    /** Nobody confirmed it in an access review before the deadline: automatic. */
    REVIEW_DEADLINE;

    boolean automatic() {
        return this == EXPIRED || this == REVIEW_DEADLINE;
    }
}
