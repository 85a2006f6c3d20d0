package com.csmflow.notification;

import com.csmflow.client.Client;
import com.csmflow.client.Clients;
import com.csmflow.engine.CaseVariables;
import com.csmflow.engine.DelegateInputs;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.engine.TemplateBackedDelegate;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * "Send notification": decides who gets what and writes it to the outbox, in the engine's transaction.
 * Nothing leaves the building here. Each batch of new outbox rows gets a delivery
 * ({@link NotificationDeliveries}: a job, or a "notification-delivery" instance with the same business
 * key when held or failed) that sends them after this transaction commits, retries with back-off and
 * raises an incident when retries run out. If this transaction rolls back, the rows and the delivery
 * roll back with it, so no mail goes out for an undone decision.
 *
 * <p>Dedup: every row carries the decision key {@code processInstanceId/activityId/notificationKey}
 * ({@code notificationKey} defaults to the activity instance); a row whose (decision key, channel,
 * recipient) already exists is not written again, so a decision notifies each recipient once.
 *
 * <p>Inputs ({@code camunda:inputParameter}), all read in one place, {@link #INPUTS}, and equal to
 * the element template {@code bpmn/.camunda/element-templates/send-notification.json}.
 */
@Component("notify")
class NotifyDelegate implements TemplateBackedDelegate {

    /** Template id: folder under {@code classpath:notifications/}. Required. */
    static final String TEMPLATE = "template";
    /** Candidate groups (comma-separated or a list) whose members are mailed. */
    static final String RECIPIENT_GROUPS = "recipientGroups";
    /** User ids (comma-separated or a list), e.g. an assignee, whose email is used. */
    static final String RECIPIENT_USERS = "recipientUsers";
    /** true: mail the contacts of the client that receive service notices. */
    static final String CLIENT_CONTACTS = "clientContacts";
    /** The client's reference; defaults to the process variable {@link CaseVariables#CLIENT_REFERENCE}. */
    static final String CLIENT_REFERENCE = "clientReference";
    /** Explicit addresses (comma-separated or a list), treated as client-facing. */
    static final String TO = "to";
    /** true: ignore the client's business hours. */
    static final String URGENT = "urgent";
    /** {@code mail} (default) or {@code webhook}. */
    static final String CHANNEL = "channel";
    /** Target URL when channel is webhook. */
    static final String WEBHOOK_URL = "webhookUrl";
    /** Per-decision key; default: the activity instance, i.e. once per visit of the task. */
    static final String NOTIFICATION_KEY = "notificationKey";
    /** Language override; default: the client's language for client-facing rows, else English. */
    static final String LANGUAGE = "language";
    /**
     * The instant of the event the mail is about (a maintenance window's start, a due time): client mail
     * is never held for business hours past it.
     */
    static final String EVENT_AT = "eventAt";

    static final Set<String> INPUTS = Set.copyOf(List.of(
            TEMPLATE,
            RECIPIENT_GROUPS,
            RECIPIENT_USERS,
            CLIENT_CONTACTS,
            CLIENT_REFERENCE,
            TO,
            URGENT,
            CHANNEL,
            WEBHOOK_URL,
            NOTIFICATION_KEY,
            LANGUAGE,
            EVENT_AT));

    private static final int MAX_DECISION_KEY = 300;

    private final OutboxRepository outbox;
    private final NotificationTemplates templates;
    private final Recipients recipients;
    private final Clients clients;
    private final NoticeHours noticeHours;
    private final NotificationDeliveries deliveries;
    private final ObjectMapper json;
    private final Clock clock;
    private final EngineIdentity engineIdentity;
    /** The zone staff read their mail in: the platform's, as staff have no zone of their own yet. */
    private final ZoneId staffZone;

    NotifyDelegate(
            OutboxRepository outbox,
            NotificationTemplates templates,
            Recipients recipients,
            Clients clients,
            NoticeHours noticeHours,
            NotificationDeliveries deliveries,
            ObjectMapper json,
            Clock clock,
            EngineIdentity engineIdentity,
            @Value("${csmflow.notification.staff-time-zone:Europe/Berlin}") String staffZone) {
        this.engineIdentity = engineIdentity;
        this.staffZone = ZoneId.of(staffZone);
        this.clock = clock;
        this.outbox = outbox;
        this.templates = templates;
        this.recipients = recipients;
        this.clients = clients;
        this.noticeHours = noticeHours;
        this.deliveries = deliveries;
        this.json = json;
    }

    @Override
    public Set<String> inputNames() {
        return INPUTS;
    }

    @Override
    public void execute(DelegateExecution execution) {
        DelegateInputs inputs = DelegateInputs.read(execution, INPUTS);
        // Recipients and the delivery instance are system work, whoever's request reached this step.
        engineIdentity.asPlatform(() -> decide(execution, inputs));
    }

    private void decide(DelegateExecution execution, DelegateInputs inputs) {
        String templateId = inputs.requiredText(TEMPLATE);
        Channel channel = channel(inputs.text(CHANNEL));
        Client client = client(execution, inputs.text(CLIENT_REFERENCE));
        boolean urgent = flag(inputs.get(URGENT));
        String language = inputs.text(LANGUAGE);
        String decisionKey = decisionKey(execution, inputs.text(NOTIFICATION_KEY));
        Instant now = clock.instant();
        Map<String, Object> values = values(execution, client);
        Map<String, NotificationTemplates.Rendered> rendered = new HashMap<>();
        ZoneId clientZone = client != null ? client.getTimeZone() : staffZone;
        // the recipients this decision already has a row for (a retried step): one query, not one per recipient
        Set<String> alreadyWritten = new HashSet<>(outbox.recipientsOf(decisionKey, channel));

        List<OutboxEntry> written = new ArrayList<>();
        if (channel == Channel.WEBHOOK) {
            String url = webhookUrl(inputs.text(WEBHOOK_URL));
            String lang = language != null ? language : client != null ? client.getLanguage() : null;
            NotificationTemplates.Rendered message =
                    templates.load(templateId, lang).render(values, clientZone);
            String payload = webhookPayload(templateId, execution, client, urgent, message);
            write(
                    written,
                    alreadyWritten,
                    new OutboxEntry(
                            decisionKey,
                            execution.getProcessInstanceId(),
                            execution.getProcessBusinessKey(),
                            execution.getCurrentActivityId(),
                            templateId,
                            Channel.WEBHOOK,
                            Audience.STAFF,
                            url,
                            message.language(),
                            message.subject(),
                            payload,
                            null,
                            urgent,
                            null,
                            null,
                            now));
        } else {
            List<String> groups = list(inputs.get(RECIPIENT_GROUPS));
            List<String> users = list(inputs.get(RECIPIENT_USERS));
            boolean contacts = flag(inputs.get(CLIENT_CONTACTS));
            List<String> to = list(inputs.get(TO));
            if (contacts && client == null) {
                throw new IllegalArgumentException(
                        "clientContacts needs a clientReference (input or process variable)");
            }
            if (groups.isEmpty() && users.isEmpty() && !contacts && to.isEmpty()) {
                throw new IllegalArgumentException("Notification '" + templateId + "' names no recipients");
            }
            Hold hold = !urgent && client != null ? hold(client, now, eventAt(inputs.get(EVENT_AT))) : Hold.NONE;
            Map<String, Audience> addresses = recipients.resolve(groups, users, contacts ? client : null, to);
            addresses.forEach((address, audience) -> {
                String lang = language != null
                        ? language
                        : audience == Audience.CLIENT && client != null
                                ? client.getLanguage()
                                : NotificationTemplates.FALLBACK_LANGUAGE;
                // the client reads dates in its own zone, staff in the platform's
                ZoneId zone = audience == Audience.CLIENT ? clientZone : staffZone;
                NotificationTemplates.Rendered message = rendered.computeIfAbsent(
                        lang + "|" + zone.getId(),
                        key -> templates.load(templateId, lang).render(values, zone));
                boolean clientRow = audience == Audience.CLIENT;
                write(
                        written,
                        alreadyWritten,
                        new OutboxEntry(
                                decisionKey,
                                execution.getProcessInstanceId(),
                                execution.getProcessBusinessKey(),
                                execution.getCurrentActivityId(),
                                templateId,
                                Channel.MAIL,
                                audience,
                                address,
                                message.language(),
                                message.subject(),
                                message.text(),
                                message.html(),
                                urgent,
                                clientRow ? hold.until() : null,
                                clientRow ? hold.note() : null,
                                now));
            });
        }
        startDeliveries(execution.getProcessBusinessKey(), written);
    }

    /** Until when client mail waits for business hours (null: not at all), and why, for the outbox row. */
    record Hold(Instant until, String note) {
        static final Hold NONE = new Hold(null, null);
    }

    /**
     * The client's next business time, unless that is not before the event the mail is about: a notice
     * held past its event is worse than one at night, so it goes at once and the row says why.
     */
    private Hold hold(Client client, Instant now, Instant eventAt) {
        Instant until = noticeHours.holdUntil(client, now);
        if (until == null) {
            return Hold.NONE;
        }
        String language = NotificationTemplates.FALLBACK_LANGUAGE;
        String opens = ReaderDates.format(until, client.getTimeZone(), language);
        if (eventAt != null && !until.isBefore(eventAt)) {
            return new Hold(
                    null,
                    "Sent at once, outside business hours: the client's business hours open at " + opens
                            + ", not before the event it is about ("
                            + ReaderDates.format(eventAt, client.getTimeZone(), language) + ")");
        }
        return new Hold(until, "Held until the client's business hours open (" + opens + ")");
    }

    private static Instant eventAt(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        Instant instant = ReaderDates.instant(value);
        if (instant == null) {
            throw new IllegalArgumentException(
                    "eventAt must be a date or an ISO date-time with offset, not '" + value + "'");
        }
        return instant;
    }

    /** Idempotent insert: a row of this decision for this recipient and channel exists -> nothing to do. */
    private void write(List<OutboxEntry> written, Set<String> alreadyWritten, OutboxEntry entry) {
        if (alreadyWritten.add(entry.getRecipient())) {
            written.add(outbox.save(entry));
        }
    }

    /** One delivery per "not before" instant: staff now, client contacts maybe later. */
    private void startDeliveries(String businessKey, List<OutboxEntry> written) {
        Map<Instant, List<Long>> batches = new LinkedHashMap<>();
        written.forEach(entry -> batches.computeIfAbsent(
                        entry.getNotBefore() == null ? Instant.EPOCH : entry.getNotBefore(), at -> new ArrayList<>())
                .add(entry.getId()));
        batches.forEach((notBefore, ids) ->
                deliveries.schedule(businessKey, ids, Instant.EPOCH.equals(notBefore) ? null : notBefore));
    }

    private Client client(DelegateExecution execution, String reference) {
        String ref = reference;
        if (ref == null
                && execution.getVariable(CaseVariables.CLIENT_REFERENCE.name()) instanceof String variable
                && !variable.isBlank()) {
            ref = variable.strip();
        }
        if (ref == null) {
            return null;
        }
        String wanted = ref;
        return clients.findByReference(wanted)
                .orElseThrow(() -> new IllegalArgumentException("Unknown client '" + wanted + "'"));
    }

    private static String decisionKey(DelegateExecution execution, String notificationKey) {
        String key = execution.getProcessInstanceId() + "/" + execution.getCurrentActivityId() + "/"
                + (notificationKey != null ? notificationKey : execution.getActivityInstanceId());
        if (key.length() > MAX_DECISION_KEY) {
            throw new IllegalArgumentException(
                    "notificationKey too long: the decision key has at most " + MAX_DECISION_KEY + " characters");
        }
        return key;
    }

    private static Map<String, Object> values(DelegateExecution execution, Client client) {
        Map<String, Object> values = new HashMap<>(execution.getVariables());
        values.put("businessKey", execution.getProcessBusinessKey());
        if (client != null) {
            values.put("clientName", client.getName());
            values.put(CaseVariables.CLIENT_REFERENCE.name(), client.getReference());
        }
        return values;
    }

    private String webhookPayload(
            String templateId,
            DelegateExecution execution,
            Client client,
            boolean urgent,
            NotificationTemplates.Rendered message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("notification", templateId);
        body.put("businessKey", execution.getProcessBusinessKey());
        body.put("processInstanceId", execution.getProcessInstanceId());
        body.put("client", client == null ? null : client.getReference());
        body.put("urgent", urgent);
        body.put("subject", message.subject());
        // "text" is what chat webhooks (Slack, Mattermost, Teams connectors) display.
        body.put("text", message.text());
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write webhook payload", e);
        }
    }

    private static Channel channel(String value) {
        if (value == null) {
            return Channel.MAIL;
        }
        try {
            return Channel.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("channel must be 'mail' or 'webhook', not '" + value + "'");
        }
    }

    private static String webhookUrl(String url) {
        if (url == null || !url.matches("(?i)https?://\\S+")) {
            throw new IllegalArgumentException("webhookUrl must be an http(s) URL, not '" + url + "'");
        }
        return url;
    }

    static boolean flag(Object value) {
        return value instanceof Boolean bool
                ? bool
                : value != null && Boolean.parseBoolean(value.toString().strip());
    }

    /** A list input: a java.util.Collection or a comma/semicolon-separated text. */
    static List<String> list(Object value) {
        if (value == null) {
            return List.of();
        }
        Collection<?> items = value instanceof Collection<?> collection
                ? collection
                : Arrays.asList(value.toString().split("[,;]"));
        return items.stream()
                .filter(Objects::nonNull)
                .map(item -> item.toString().strip())
                .filter(item -> !item.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new))
                .stream()
                .toList();
    }
}
