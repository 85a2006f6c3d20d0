package com.csmflow.notification;

/** How a notification travels: an email (Spring Mail) or a JSON POST (Camunda Connect http-connector). */
public enum Channel {
    MAIL,
    WEBHOOK
}
