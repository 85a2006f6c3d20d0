package com.csmflow.forms;

import com.csmflow.client.Client;
import com.csmflow.client.Clients;
import com.csmflow.cmdb.ConfigurationItems;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.security.RoleGroup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The option lists that Camunda Forms name with {@code valuesKey} (docs/forms.md): a select, taglist or radio
 * whose {@code valuesKey} is one of {@link #names()} offers that list, built from the registers and the
 * identity service when the form is loaded ({@link FormOptionsFilter}), so nothing is stored in the
 * process's variables or history.
 * <ul>
 *   <li>{@value #CLIENTS}: the active clients, labelled "name (REFERENCE)", value the reference;</li>
 *   <li>{@code <group>MemberOptions} for every role group (e.g. {@code cabMemberOptions},
 *       {@code serviceManagerMemberOptions}): the group's members, labelled with their display name, value
 *       the user id;</li>
 *   <li>{@value #MANAGERS}: members of the managers' groups (service, delivery, head of delivery centre);</li>
 *   <li>{@value #STAFF}: every staff member (a member of any role group), by display name, value the
 *       user id (e.g. who gets an access right, the team members an InfoSec training was given to);</li>
 *   <li>{@value #OWNERS}: who may own a SIP action: every role group (labelled "Delivery Manager (group)",
 *       value the group id), then every staff member (a member of any role group), by display name.</li>
 *   <li>{@value #ASSETS}: the assets of the clients' inventories that the caller may read (security data:
 *       isec, IT and the admin all, a service's SM and DM their services', nobody else any), labelled
 *       "name (AST-..., client, criticality)", value the asset reference; filled by a {@link Source}.</li>
 *   <li>{@value #CIS}: configuration items of the CMDB that are not retired, labelled "name (CI-..., type)",
 *       value the CI reference; on a task's form only the items of the task's client ({@code clientReference}),
 *       on a start form every client's, the client named in the label.</li>
 * </ul>
 * The server still checks every submitted choice (a client with {@code Clients.require}, a person with
 * {@link #isMemberOfAny}); the list only keeps a person from choosing what would be refused.
 */
@Component
public class FormOptions {

    public static final String CLIENTS = "clientOptions";
    public static final String MANAGERS = "managerOptions";
    public static final String OWNERS = "ownerOptions";
    public static final String STAFF = "staffOptions";
    public static final String CIS = "ciOptions";
    /** Assets of the clients' inventories the caller may read (filled by the infosec capability). */
    public static final String ASSETS = "assetOptions";

    private static final String MEMBERS_SUFFIX = "MemberOptions";

    /** The groups whose members may own a risk or decide for a manager. */
    public static final Set<RoleGroup> MANAGER_GROUPS =
            Set.of(RoleGroup.SERVICE_MANAGER, RoleGroup.DELIVERY_MANAGER, RoleGroup.DC_HEAD);

    /** One choice: what the person reads and what the form submits. */
    public record Option(String label, String value) {}

    /**
     * A list another capability fills, built for the caller when the form is handed out (that capability
     * knows who may see which choice); it depends on this one, not the other way round.
     */
    public interface Source {
        String valuesKey();

        List<Option> options();
    }

    private final Clients clients;
    private final IdentityService identityService;
    private final EngineIdentity engineIdentity;
    private final ConfigurationItems configurationItems;
    private final TaskService taskService;
    private final Map<String, Supplier<List<Option>>> lists = new LinkedHashMap<>();

    FormOptions(
            Clients clients,
            IdentityService identityService,
            EngineIdentity engineIdentity,
            ConfigurationItems configurationItems,
            TaskService taskService,
            ObjectProvider<Source> sources) {
        this.clients = clients;
        this.identityService = identityService;
        this.engineIdentity = engineIdentity;
        this.configurationItems = configurationItems;
        this.taskService = taskService;
        lists.put(CLIENTS, this::activeClients);
        lists.put(CIS, () -> configurationItems(null));
        lists.put(MANAGERS, () -> members(MANAGER_GROUPS));
        lists.put(OWNERS, this::owners);
        lists.put(STAFF, () -> members(Set.of(RoleGroup.values())));
        for (RoleGroup group : RoleGroup.values()) {
            lists.put(membersKey(group), () -> members(Set.of(group)));
        }
        // looked up when a list is built: the sources use services that may use this class themselves
        lists.put(
                ASSETS,
                () -> sources.stream()
                        .filter(source -> ASSETS.equals(source.valuesKey()))
                        .findFirst()
                        .map(Source::options)
                        .orElse(List.of()));
    }

    /** The {@code valuesKey} that offers the members of a group, e.g. {@code cabMemberOptions}. */
    public static String membersKey(RoleGroup group) {
        StringBuilder name = new StringBuilder();
        for (String part : group.id().split("-")) {
            name.append(name.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return name + MEMBERS_SUFFIX;
    }

    /** Every {@code valuesKey} the platform fills (ModelConventionsTest checks the forms against it). */
    public static Set<String> names() {
        Set<String> names = new TreeSet<>(Set.of(CLIENTS, MANAGERS, OWNERS, STAFF, CIS, ASSETS));
        for (RoleGroup group : RoleGroup.values()) {
            names.add(membersKey(group));
        }
        return names;
    }

    /** The list behind a {@code valuesKey}, built now; empty when the platform has no list of that name. */
    public Optional<List<Option>> list(String valuesKey) {
        Supplier<List<Option>> list = valuesKey == null ? null : lists.get(valuesKey);
        return list == null ? Optional.empty() : Optional.of(list.get());
    }

    /**
     * The list behind a {@code valuesKey} for the form of a task: {@value #CIS} holds only the items of the
     * task's client when the task has a {@code clientReference}; every other list is the same as {@link #list}.
     */
    public Optional<List<Option>> list(String valuesKey, String taskId) {
        if (CIS.equals(valuesKey) && taskId != null) {
            String client = clientOfTask(taskId);
            if (client != null) {
                return Optional.of(configurationItems(client));
            }
        }
        return list(valuesKey);
    }

    private String clientOfTask(String taskId) {
        try {
            // the engine has already handed this user the task's form: reading its case's client is no more
            Object client = engineIdentity.asPlatform(() -> taskService.getVariable(taskId, "clientReference"));
            return client instanceof String reference && !reference.isBlank() ? reference : null;
        } catch (ProcessEngineException gone) {
            return null;
        }
    }

    private List<Option> configurationItems(String clientReference) {
        return configurationItems.choices(clientReference).stream()
                .map(choice -> new Option(choice.label(), choice.value()))
                .toList();
    }

    /** Whether the user is a member of at least one of the groups (the server-side twin of a people list). */
    public boolean isMemberOfAny(String userId, Collection<RoleGroup> groups) {
        if (userId == null || userId.isBlank()) {
            return false;
        }
        return engineIdentity.asPlatform(() -> groups.stream()
                .anyMatch(group -> identityService
                                .createUserQuery()
                                .userId(userId.strip())
                                .memberOfGroup(group.id())
                                .count()
                        > 0));
    }

    /** Whether the user is one of {@value #STAFF}: a member of any role group. */
    public boolean isStaff(String userId) {
        return isMemberOfAny(userId, Arrays.asList(RoleGroup.values()));
    }

    /** Whether the value is one of {@value #OWNERS}: a role group id or a member of any role group. */
    public boolean isOwner(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        String owner = value.strip();
        return Arrays.stream(RoleGroup.values()).anyMatch(group -> group.id().equals(owner)) || isStaff(owner);
    }

    /** Groups first (an action owned by a team is the common case), then the people. */
    private List<Option> owners() {
        List<Option> options = new ArrayList<>();
        Arrays.stream(RoleGroup.values())
                .sorted(Comparator.comparing(RoleGroup::displayName))
                .forEach(group -> options.add(new Option(group.displayName() + " (group)", group.id())));
        // a user named like a group (the demo users) would submit the group's value: the group stands for both
        members(Set.of(RoleGroup.values())).stream()
                .filter(person ->
                        options.stream().noneMatch(group -> group.value().equals(person.value())))
                .forEach(options::add);
        return options;
    }

    private List<Option> activeClients() {
        return clients.active().stream()
                .sorted(Comparator.comparing(Client::getName, String.CASE_INSENSITIVE_ORDER))
                .map(client -> new Option(client.getName() + " (" + client.getReference() + ")", client.getReference()))
                .toList();
    }

    /** Members of the groups, by display name; a name two people share is told apart by the user id. */
    private List<Option> members(Set<RoleGroup> groups) {
        List<User> users = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        engineIdentity.asPlatform(() -> {
            for (RoleGroup group : groups) {
                for (User user : identityService
                        .createUserQuery()
                        .memberOfGroup(group.id())
                        .list()) {
                    if (seen.add(user.getId())) {
                        users.add(user);
                    }
                }
            }
        });
        Map<String, Long> sameName =
                users.stream().collect(Collectors.groupingBy(FormOptions::displayName, Collectors.counting()));
        return users.stream()
                .map(user -> {
                    String name = displayName(user);
                    return new Option(sameName.get(name) > 1 ? name + " (" + user.getId() + ")" : name, user.getId());
                })
                .sorted(Comparator.comparing(option -> option.label().toLowerCase(Locale.ROOT)))
                .toList();
    }

    static String displayName(User user) {
        String name = Arrays.stream(new String[] {user.getFirstName(), user.getLastName()})
                .filter(part -> part != null && !part.isBlank())
                .map(String::strip)
                .collect(Collectors.joining(" "));
        return name.isEmpty() ? user.getId() : name;
    }
}
