package com.csmflow.notification;

import com.csmflow.client.Client;
import com.csmflow.client.ClientContact;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns "who" (candidate groups, users, the client's notice contacts, explicit addresses) into email
 * addresses. Staff come from the engine's identity service; client contacts from the client register.
 * Each address appears once, with the audience of its first source (staff before client).
 */
@Component
class Recipients {

    private static final Logger log = LoggerFactory.getLogger(Recipients.class);

    private final IdentityService identityService;

    Recipients(IdentityService identityService) {
        this.identityService = identityService;
    }

    /** Address (lower case) -> audience, in a stable order. */
    Map<String, Audience> resolve(
            Collection<String> groups, Collection<String> users, Client contactsOf, Collection<String> explicit) {
        Map<String, Audience> addresses = new LinkedHashMap<>();
        for (String group : groups) {
            List<User> members = identityService
                    .createUserQuery()
                    .memberOfGroup(group)
                    .orderByUserId()
                    .asc()
                    .list();
            if (members.isEmpty()) {
                log.warn("Notification group '{}' has no members", group);
            }
            members.forEach(user -> addUser(addresses, user));
        }
        for (String userId : users) {
            User user = identityService.createUserQuery().userId(userId).singleResult();
            if (user == null) {
                log.warn("Notification user '{}' does not exist", userId);
            } else {
                addUser(addresses, user);
            }
        }
        if (contactsOf != null) {
            for (ClientContact contact : contactsOf.getNoticeRecipients()) {
                add(addresses, contact.getEmail(), Audience.CLIENT);
            }
        }
        explicit.forEach(address -> add(addresses, address, Audience.CLIENT));
        return addresses;
    }

    private static void addUser(Map<String, Audience> addresses, User user) {
        if (user.getEmail() == null || user.getEmail().isBlank()) {
            log.warn("User '{}' has no email address and gets no notification", user.getId());
        } else {
            add(addresses, user.getEmail(), Audience.STAFF);
        }
    }

    private static void add(Map<String, Audience> addresses, String address, Audience audience) {
        String normalized = address.strip().toLowerCase(Locale.ROOT);
        if (!normalized.matches("[^@\\s]+@[^@\\s]+")) {
            throw new IllegalArgumentException("Not an email address: '" + address + "'");
        }
        addresses.putIfAbsent(normalized, audience);
    }
}
