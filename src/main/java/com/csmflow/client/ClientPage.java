package com.csmflow.client;

import java.util.List;

/** One page of {@code GET /api/clients}, ordered by reference. */
record ClientPage(List<ClientResponse> items, int page, int size, long totalItems, int totalPages) {}
