package com.csmflow.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Email through Spring Mail. Spring Boot creates a {@link JavaMailSender} only when
 * {@code spring.mail.host} is set; without one (the demo profile) mail is kept as NOT_DELIVERED
 * instead of failing, so the demo runs with nothing installed.
 */
@Component
class MailChannel {

    static final String NO_MAIL_SERVER = "no mail server configured";

    private final JavaMailSender sender;
    private final String from;

    @Autowired
    MailChannel(ObjectProvider<JavaMailSender> sender,
                @Value("${csmflow.notification.mail-from:CSM Flow <noreply@csmflow.example>}") String from) {
        this(sender.getIfAvailable(), from);
    }

    MailChannel(JavaMailSender sender, String from) {
        this.sender = sender;
        this.from = from;
    }

    /** Sends the row's mail; returns null when sent, or why it was not delivered. Throws on failure. */
    String send(OutboxEntry entry) throws MessagingException {
        if (sender == null) {
            return NO_MAIL_SERVER;
        }
        MimeMessage message = sender.createMimeMessage();
        boolean html = entry.getBodyHtml() != null;
        MimeMessageHelper helper = new MimeMessageHelper(message, html, "UTF-8");
        helper.setFrom(from);
        helper.setTo(entry.getRecipient());
        helper.setSubject(entry.getSubject());
        if (html) {
            helper.setText(entry.getBodyText(), entry.getBodyHtml());
        } else {
            helper.setText(entry.getBodyText());
        }
        // Lets a receiving system drop a duplicate should one ever slip through (see docs/notifications.md).
        message.setHeader("X-CSMFlow-Notification-Id", String.valueOf(entry.getId()));
        sender.send(message);
        return null;
    }
}
