package com.csmflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.CsmFlowTest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The demo profile has no {@code spring.mail.host}: Spring Boot then creates no mail sender, and mail
 * is kept in the outbox as NOT_DELIVERED instead of failing the delivery job.
 */
@CsmFlowTest
class NotificationWithoutMailServerTest {

    @Autowired
    OutboxRepository outbox;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void withoutAMailHostThereIsNoMailSender() {
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class));
        runner.run(context -> assertThat(context).doesNotHaveBean(JavaMailSender.class));
        runner.withPropertyValues("spring.mail.host=127.0.0.1")
                .run(context -> assertThat(context).hasSingleBean(JavaMailSender.class));
    }

    @Test
    void mailIsKeptAsNotDeliveredWhenNoMailServerIsConfigured() {
        OutboxEntry entry = outbox.save(new OutboxEntry(
                "demo/" + UUID.randomUUID(),
                "demo-instance",
                "DEMO-1",
                "Task_Notify",
                "notify-probe",
                Channel.MAIL,
                Audience.CLIENT,
                "someone@client.example",
                "en",
                "Subject",
                "Text",
                "<p>Html</p>",
                false,
                null,
                null,
                Instant.parse("2026-06-10T08:00:00Z")));
        OutboxDelivery demoDelivery = new OutboxDelivery(
                outbox,
                transactionManager,
                new MailChannel((JavaMailSender) null, "CSM Flow <noreply@csmflow.example>"),
                new WebhookChannel(1000, 1000),
                Clock.systemUTC());

        demoDelivery.deliver(List.of(entry.getId())); // does not throw: nothing to retry

        OutboxEntry kept = outbox.findById(entry.getId()).orElseThrow();
        assertThat(kept.getStatus()).isEqualTo(NotificationStatus.NOT_DELIVERED);
        assertThat(kept.getLastError()).isEqualTo("no mail server configured");
        assertThat(kept.getAttempts()).isEqualTo(1);
        assertThat(kept.getSentAt()).isNull();

        demoDelivery.deliver(List.of(entry.getId()));
        assertThat(outbox.findById(entry.getId()).orElseThrow().getAttempts())
                .as("not retried")
                .isEqualTo(1);
        outbox.deleteById(entry.getId());
    }
}
