package com.csmflow.notification;

import org.camunda.connect.Connectors;
import org.camunda.connect.httpclient.HttpConnector;
import org.camunda.connect.httpclient.HttpResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * JSON POST to a chat or a client's ITSM tool through Camunda Connect's http-connector. Any answer
 * other than 2xx, a timeout or a refused connection is a failure that the delivery job retries.
 */
@Component
class WebhookChannel {

    private final int connectTimeoutMillis;
    private final int socketTimeoutMillis;

    WebhookChannel(
            @Value("${csmflow.notification.webhook.connect-timeout-millis:5000}") int connectTimeoutMillis,
            @Value("${csmflow.notification.webhook.socket-timeout-millis:10000}") int socketTimeoutMillis) {
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.socketTimeoutMillis = socketTimeoutMillis;
    }

    /** Posts the row's JSON payload; returns null when delivered, throws otherwise. */
    String send(OutboxEntry entry) {
        HttpConnector http = Connectors.getConnector(HttpConnector.ID);
        HttpResponse response = http.createRequest()
                .url(entry.getRecipient())
                .post()
                .contentType("application/json; charset=UTF-8")
                .header("X-CSMFlow-Notification-Id", String.valueOf(entry.getId()))
                .payload(entry.getBodyText())
                .configOption("connection-timeout", connectTimeoutMillis)
                .configOption("socket-timeout", socketTimeoutMillis)
                .execute();
        try {
            Integer status = response.getStatusCode();
            if (status == null || status < 200 || status >= 300) {
                throw new IllegalStateException("Webhook answered HTTP " + status);
            }
            return null;
        } finally {
            response.close();
        }
    }
}
