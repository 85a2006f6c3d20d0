package com.csmflow.servicedesk;

/** What a service desk request asks for: a move, an add, a change, a delete (MACD), or something else. */
public enum ServiceDeskCategory {
    MOVE,
    ADD,
    CHANGE,
    DELETE,
    OTHER
}
