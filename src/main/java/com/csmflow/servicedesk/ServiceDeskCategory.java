package com.csmflow.servicedesk;

/**
 * What a service desk request asks for: a move, an add, a change, a delete (MACD), something else, or the
 * correction of wrong client data (a data-correction ticket, 002 configuration management).
 */
public enum ServiceDeskCategory {
    MOVE,
    ADD,
    CHANGE,
    DELETE,
    OTHER,
    DATA_CORRECTION
}
