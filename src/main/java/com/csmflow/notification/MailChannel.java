package com.csmflow.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
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
    private final String domain;

    @Autowired
    MailChannel(
            ObjectProvider<JavaMailSender> sender,
            @Value("${csmflow.notification.mail-from:CSM Flow <noreply@csmflow.example>}") String from) {
        this(sender.getIfAvailable(), from);
    }

    MailChannel(JavaMailSender sender, String from) {
        this.sender = sender;
        this.from = from;
        this.domain = domainOf(from);
    }

    /** The domain of the sender address ("CSM Flow <noreply@csmflow.example>" -> csmflow.example). */
    static String domainOf(String from) {
        String address = from == null ? "" : from.strip();
        int open = address.lastIndexOf('<');
        if (open >= 0) {
            int close = address.indexOf('>', open);
            address = address.substring(open + 1, close > open ? close : address.length());
        }
        String domain = address.substring(address.lastIndexOf('@') + 1).strip();
        return domain.matches("[A-Za-z0-9.-]+") ? domain : "csmflow.invalid";
    }

    /** The same for every attempt of one outbox row, different for every row (id and creation instant). */
    String messageId(OutboxEntry entry) {
        long created = entry.getCreatedAt() == null ? 0 : entry.getCreatedAt().toEpochMilli();
        return "<notification." + entry.getId() + "." + created + "@" + domain + ">";
    }

    /**
     * Sends the row's mail; returns null when the mail server accepted it, or why it was not delivered.
     * Throws on failure. The SMTP connection stays open after the server's "250" for the message: the
     * caller records SENT, commits, and only then closes what {@code afterCommit} holds (QUIT), so the
     * window in which a crash leaves a sent mail unrecorded does not include the QUIT round trip.
     */
    String send(OutboxEntry entry, List<AutoCloseable> afterCommit) throws MessagingException {
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
        // Let a receiving system drop a duplicate should one ever slip through (see docs/notifications.md):
        // every attempt for one outbox row carries the same Message-ID (Spring keeps an explicit one).
        message.setHeader("X-CSMFlow-Notification-Id", String.valueOf(entry.getId()));
        message.setHeader("Message-ID", messageId(entry));
        if (!(sender instanceof JavaMailSenderImpl smtp)) {
            sender.send(message);
            return null;
        }
        // What JavaMailSenderImpl.send does, without closing the connection at the end.
        if (message.getSentDate() == null) {
            message.setSentDate(new Date());
        }
        String id = message.getMessageID();
        message.saveChanges(); // would replace the Message-ID with a random one
        message.setHeader("Message-ID", id);
        Transport transport = smtp.getSession().getTransport(smtp.getProtocol() == null ? "smtp" : smtp.getProtocol());
        String user = smtp.getUsername();
        String password = smtp.getPassword();
        if ("".equals(user)) {
            user = null;
            if ("".equals(password)) {
                password = null;
            }
        }
        transport.connect(smtp.getHost(), smtp.getPort(), user, password);
        afterCommit.add(transport);
        transport.sendMessage(message, message.getAllRecipients());
        return null;
    }

    static void closeQuietly(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                // the mail was accepted before; a failed QUIT changes nothing
            }
        }
        resources.clear();
    }
}
