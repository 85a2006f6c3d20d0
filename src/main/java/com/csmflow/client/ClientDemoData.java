package com.csmflow.client;

import com.csmflow.api.ConflictException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * Demo profile only: two clients to click through, in different tiers and time zones; the Enhanced one
 * with a designated CSM, a backup and a named CSE team (seed 000), the Standard one served by the groups. Idempotent: a
 * client that exists already (from an earlier start, or changed by hand since) is left alone.
 */
@Component
@Profile("demo")
@Order(10)
class ClientDemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ClientDemoData.class);
    // demo users of the security package (DemoUsers): the Enhanced client has a named CSM, a backup and a CSE
    static final String DESIGNATED_CSM = "csm";
    static final String BACKUP_CSM = "csm-backup";
    static final String CSE_TEAM = "cse";
    private static final Set<DayOfWeek> MONDAY_TO_FRIDAY = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

    private final ClientRepository clients;
    private final ClientService service;

    ClientDemoData(ClientRepository clients, ClientService service) {
        this.clients = clients;
        this.service = service;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (ClientRequest client : demoClients()) {
            if (clients.existsByReference(client.reference())) {
                continue;
            }
            try {
                service.create(client);
                log.info("Demo client {} created", client.reference());
            } catch (ConflictException | DataIntegrityViolationException anotherNodeWasFaster) {
                log.info("Demo client {} exists already", client.reference());
            }
        }
    }

    static List<ClientRequest> demoClients() {
        // Standard tier: a Munich manufacturer, served in its local office hours, Bavarian holidays.
        ClientRequest alpenwerk = new ClientRequest(
                "ALPENWERK",
                "Alpenwerk Maschinenbau GmbH",
                CsmTier.STANDARD,
                "de",
                "Europe/Berlin",
                LocalTime.of(8, 0),
                LocalTime.of(17, 0),
                MONDAY_TO_FRIDAY,
                "DE-BY",
                Set.of(LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 31)),
                List.of(
                        new ClientRequest.ContactData(
                                "Katharina Huber", "k.huber@alpenwerk.example", "IT-Leitung", true),
                        new ClientRequest.ContactData(
                                "Florian Wimmer", "f.wimmer@alpenwerk.example", "Netzwerkadministrator", true),
                        new ClientRequest.ContactData(
                                "Sabine Ostermeier", "einkauf@alpenwerk.example", "Einkauf", false)),
                List.of(new ClientRequest.ContractData(
                        "ALPENWERK-2026",
                        List.of("Networking"),
                        20,
                        LocalDate.of(2026, 1, 1),
                        LocalDate.of(2027, 12, 31))),
                null,
                null,
                null,
                null,
                null);
        // Enhanced tier: a New York insurer with long service days and several technology groups.
        ClientRequest hudson = new ClientRequest(
                "HUDSON-MUTUAL",
                "Hudson Mutual Insurance Inc.",
                CsmTier.ENHANCED,
                "en-US",
                "America/New_York",
                LocalTime.of(7, 0),
                LocalTime.of(19, 0),
                MONDAY_TO_FRIDAY,
                "US-NY",
                Set.of(),
                List.of(
                        new ClientRequest.ContactData(
                                "Dana Whitfield", "dana.whitfield@hudsonmutual.example", "CIO", true),
                        new ClientRequest.ContactData(
                                "Marcus Lee", "noc@hudsonmutual.example", "Operations Center", true),
                        new ClientRequest.ContactData(
                                "Priya Raman", "p.raman@hudsonmutual.example", "Vendor Management", false)),
                List.of(
                        new ClientRequest.ContractData(
                                "HUDSON-MS-2026",
                                List.of("Cloud Computing", "Security", "Collaboration"),
                                60,
                                LocalDate.of(2026, 3, 1),
                                LocalDate.of(2029, 2, 28)),
                        new ClientRequest.ContractData(
                                "HUDSON-SUPP-2026",
                                List.of("Security"),
                                40,
                                LocalDate.of(2026, 3, 1),
                                LocalDate.of(2029, 2, 28))),
                null,
                DESIGNATED_CSM,
                BACKUP_CSM,
                List.of(CSE_TEAM),
                null);
        return List.of(alpenwerk, hudson);
    }
}
