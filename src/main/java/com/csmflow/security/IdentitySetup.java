package com.csmflow.security;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.AuthorizationQuery;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Brings the identity service to the state every profile needs: the admin, the role groups, what each
 * group may do, and two Tasklist filters per group (all its tasks; those breached or at risk). Idempotent:
 * it only adds what is missing or brings a filter of an older version up to date, so a restart or a second
 * node changes nothing.
 */
@Component
@Order(0)
class IdentitySetup implements ApplicationRunner {

    /**
     * Which role groups start which process from Tasklist. Workflows add their process key here;
     * everything else a group does on a task comes from being the task's candidate group.
     */
    static final Map<String, List<RoleGroup>> PROCESS_STARTERS = Map.ofEntries(
            Map.entry("service-desk-request", List.of(RoleGroup.CSM, RoleGroup.CSE, RoleGroup.SERVICE_MANAGER)),
            Map.entry(
                    "escalation",
                    List.of(RoleGroup.CSM, RoleGroup.SERVICE_MANAGER, RoleGroup.DELIVERY_MANAGER, RoleGroup.DC_HEAD)),
            Map.entry("problem-rca", List.of(RoleGroup.CSM, RoleGroup.CSE, RoleGroup.SERVICE_MANAGER)),
            Map.entry("change-request", List.of(RoleGroup.CSM, RoleGroup.CSE, RoleGroup.SERVICE_MANAGER)),
            Map.entry("issue-risk", List.of(RoleGroup.CSM, RoleGroup.SERVICE_MANAGER)),
            Map.entry("service-review", List.of(RoleGroup.CSM, RoleGroup.SERVICE_MANAGER)),
            Map.entry("service-request", List.of(RoleGroup.DC_HEAD, RoleGroup.ACCOUNT_MANAGER)),
            Map.entry(
                    "client-onboarding", List.of(RoleGroup.CSM, RoleGroup.SERVICE_MANAGER, RoleGroup.ACCOUNT_MANAGER)),
            // anyone on the staff may ask for access to a client's system; ISEC opens an access review
            Map.entry("access-right", List.of(RoleGroup.values())),
            Map.entry("access-review", List.of(RoleGroup.ISEC)),
            Map.entry(
                    "security-event",
                    List.of(
                            RoleGroup.ISEC,
                            RoleGroup.IT,
                            RoleGroup.CSM,
                            RoleGroup.CSE,
                            RoleGroup.SERVICE_MANAGER,
                            RoleGroup.DELIVERY_MANAGER)),
            Map.entry("complaint", List.of(RoleGroup.CSM, RoleGroup.SERVICE_MANAGER, RoleGroup.ACCOUNT_MANAGER)));

    static final String MY_TASKS_FILTER = "My tasks";

    /**
     * The variables every task filter lists beside a task (docs/worklist.md): the case, the client and
     * the case priority, written by the worklist when a task is created.
     */
    static final List<Map<String, String>> FILTER_VARIABLES = List.of(
            Map.of("name", "caseReference", "label", "Case"),
            Map.of("name", "clientName", "label", "Client"),
            Map.of("name", "clientReference", "label", "Client reference"),
            Map.of("name", "priority", "label", "Case priority"));

    static String groupFilterName(RoleGroup role) {
        return role.displayName() + " tasks";
    }

    static String atRiskFilterName(RoleGroup role) {
        return role.displayName() + " — breached or at risk";
    }

    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final FilterService filterService;
    private final TaskService taskService;
    private final RepositoryService repositoryService;
    private final AdminAccount admin;

    IdentitySetup(
            IdentityService identityService,
            AuthorizationService authorizationService,
            FilterService filterService,
            TaskService taskService,
            RepositoryService repositoryService,
            AdminAccount admin) {
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.filterService = filterService;
        this.taskService = taskService;
        this.repositoryService = repositoryService;
        this.admin = admin;
    }

    @Override
    public void run(ApplicationArguments args) {
        createAdmin();
        for (RoleGroup role : RoleGroup.values()) {
            createGroup(role.id(), role.displayName(), "WORKFLOW");
            grantRolePermissions(role);
            createGroupFilter(role);
        }
        createMyTasksFilter();
        grantVariableReading(deployedProcessKeys());
        grantDecisionHistory(deployedDecisionKeys());
        grantHistoryOfOpenTasks();
    }

    private void createAdmin() {
        createGroup(Groups.CAMUNDA_ADMIN, "Camunda Administrators", Groups.GROUP_TYPE_SYSTEM);
        if (identityService.createUserQuery().userId(admin.userId()).count() == 0) {
            User user = identityService.newUser(admin.userId());
            user.setFirstName("CSM Flow");
            user.setLastName("Administrator");
            user.setPassword(admin.password());
            identityService.saveUser(user);
        }
        addMembership(admin.userId(), Groups.CAMUNDA_ADMIN);
        // The operators' way back in (docs/security.md, "2. Lockout"): a start clears any lock on the
        // configured admin, the login throttle's and one the engine itself set in older versions.
        identityService.unlockUser(admin.userId());
        // What the admin webapp's (closed) first-user setup would have granted: everything, so the
        // admin can log into all three webapps and manage users, groups and authorizations.
        for (Resource resource : Resources.values()) {
            grant(Groups.CAMUNDA_ADMIN, resource, Authorization.ANY, Permissions.ALL);
        }
    }

    private void grantRolePermissions(RoleGroup role) {
        String group = role.id();
        grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        // Reading the models lets Tasklist show process names and start forms.
        grant(group, Resources.PROCESS_DEFINITION, "*", Permissions.READ);
        PROCESS_STARTERS.forEach((processKey, starters) -> {
            if (starters.contains(role)) {
                grant(group, Resources.PROCESS_DEFINITION, processKey, ProcessDefinitionPermissions.CREATE_INSTANCE);
                grant(group, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
            }
        });
        if (role.watchesOperations()) {
            grant(group, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
            grant(
                    group,
                    Resources.PROCESS_DEFINITION,
                    "*",
                    ProcessDefinitionPermissions.READ_INSTANCE,
                    ProcessDefinitionPermissions.READ_HISTORY,
                    ProcessDefinitionPermissions.READ_TASK);
            grant(group, Resources.PROCESS_INSTANCE, "*", Permissions.READ);
            grant(group, Resources.TASK, "*", Permissions.READ);
            // the decisions' history per decision key (grantDecisionHistory): the security decisions' is not theirs
            grant(group, Resources.DECISION_DEFINITION, "*", Permissions.READ);
            withdraw(group, Resources.DECISION_DEFINITION, "*", Permissions.READ_HISTORY);
            grant(group, Resources.DEPLOYMENT, "*", Permissions.READ);
        }
    }

    /** The variable permissions a group needs to read the variables of a whole process (Cockpit, REST). */
    static final Permission[] VARIABLE_READING = {
        ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE,
        ProcessDefinitionPermissions.READ_HISTORY_VARIABLE,
        ProcessDefinitionPermissions.READ_TASK_VARIABLE
    };

    /**
     * With {@code enforceSpecificVariablePermission} on (application.yaml), reading an instance's variables
     * takes its own permission on the process definition; seeing the instance is no longer enough. The
     * managers who watch operations in Cockpit get it on every deployed process except the security
     * workflows ({@link SecurityDataReaders#SECURITY_PROCESSES}); ISEC and IT get it, and the right to see
     * the instances, on those. Per process key, not on all: a grant on all and a revoke per key would make
     * every authorization query of the engine take its slower revoke-aware form. A process deployed later
     * gets its grants at the next start; until then only the admin reads its variables (closed, not open).
     * Whoever works a task reads its variables through the engine's own grant on the task (READ_VARIABLE).
     */
    private void grantVariableReading(Set<String> processKeys) {
        for (RoleGroup role : RoleGroup.values()) {
            if (role.watchesOperations()) {
                processKeys.stream()
                        .filter(key -> !SecurityDataReaders.SECURITY_PROCESSES.contains(key))
                        .forEach(key -> grant(role.id(), Resources.PROCESS_DEFINITION, key, VARIABLE_READING));
            }
        }
        for (RoleGroup reader : List.of(RoleGroup.ISEC, RoleGroup.IT)) {
            for (String key : SecurityDataReaders.SECURITY_PROCESSES) {
                grant(
                        reader.id(),
                        Resources.PROCESS_DEFINITION,
                        key,
                        ProcessDefinitionPermissions.READ_INSTANCE,
                        ProcessDefinitionPermissions.READ_HISTORY,
                        ProcessDefinitionPermissions.READ_TASK);
                grant(reader.id(), Resources.PROCESS_DEFINITION, key, VARIABLE_READING);
            }
        }
    }

    /**
     * The history of a decision (its inputs and outputs per evaluation) follows the same rule as the variables:
     * the managers read every deployed decision's but the security decisions'
     * ({@link SecurityDataReaders#SECURITY_DECISIONS}), which ISEC and IT read. Per key for the same reason.
     */
    private void grantDecisionHistory(Set<String> decisionKeys) {
        for (RoleGroup role : RoleGroup.values()) {
            if (role.watchesOperations()) {
                decisionKeys.stream()
                        .filter(key -> !SecurityDataReaders.SECURITY_DECISIONS.contains(key))
                        .forEach(key -> grant(role.id(), Resources.DECISION_DEFINITION, key, Permissions.READ_HISTORY));
            }
        }
        for (RoleGroup reader : List.of(RoleGroup.ISEC, RoleGroup.IT)) {
            for (String key : SecurityDataReaders.SECURITY_DECISIONS) {
                grant(reader.id(), Resources.DECISION_DEFINITION, key, Permissions.READ, Permissions.READ_HISTORY);
            }
        }
    }

    private Set<String> deployedDecisionKeys() {
        Set<String> keys = new TreeSet<>();
        for (DecisionDefinition definition : repositoryService
                .createDecisionDefinitionQuery()
                .latestVersion()
                .list()) {
            keys.add(definition.getKey());
        }
        return keys;
    }

    private Set<String> deployedProcessKeys() {
        Set<String> keys = new TreeSet<>();
        for (ProcessDefinition definition :
                repositoryService.createProcessDefinitionQuery().latestVersion().list()) {
            keys.add(definition.getKey());
        }
        return keys;
    }

    private void createGroupFilter(RoleGroup role) {
        // all the group's tasks, those with an SLA due first (tasks without a due date come last)
        saveFilter(
                groupFilterName(role),
                groupTasks(role),
                properties("Tasks of the " + role.displayName() + " group", 10),
                role);
        // the warning of the SLA clock has passed (follow-up date = warning instant, due date = breach)
        saveFilter(
                atRiskFilterName(role),
                groupTasks(role).followUpBeforeExpression("${now()}"),
                properties(
                        "Tasks of the " + role.displayName()
                                + " group whose SLA warning has passed or that are overdue",
                        5),
                role);
    }

    private TaskQuery groupTasks(RoleGroup role) {
        TaskQuery query =
                taskService.createTaskQuery().taskCandidateGroup(role.id()).includeAssignedTasks();
        query.orderByDueDate().asc();
        return query;
    }

    private void createMyTasksFilter() {
        TaskQuery mine = taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}");
        mine.orderByDueDate().asc();
        Filter filter = saveFilter(MY_TASKS_FILTER, mine, properties("Tasks assigned to me", 0), null);
        for (RoleGroup role : RoleGroup.values()) {
            grant(role.id(), Resources.FILTER, filter.getId(), Permissions.READ);
        }
    }

    private static Map<String, Object> properties(String description, int priority) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("description", description);
        properties.put("priority", priority);
        properties.put("refresh", true);
        properties.put("variables", FILTER_VARIABLES);
        return properties;
    }

    /**
     * Creates the filter, or brings one saved by an older version (no variables, no sorting) up to date:
     * its properties decide, so an unchanged filter is not written again.
     */
    private Filter saveFilter(String name, TaskQuery query, Map<String, Object> properties, RoleGroup reader) {
        Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
        if (filter == null) {
            filter = filterService.newTaskFilter(name);
        } else if (properties.equals(filter.getProperties())) {
            if (reader != null) {
                grant(reader.id(), Resources.FILTER, filter.getId(), Permissions.READ);
            }
            return filter;
        }
        filter.setQuery(query);
        filter.setProperties(properties);
        filterService.saveFilter(filter);
        if (reader != null) {
            grant(reader.id(), Resources.FILTER, filter.getId(), Permissions.READ);
        }
        return filter;
    }

    /**
     * The engine grants READ on a task's history (HISTORIC_TASK) to whoever may work the task only for
     * tasks created since {@code enableHistoricInstancePermissions} is on, and READ_VARIABLE on the task and
     * its history only since {@code enforceSpecificVariablePermission} is on; open tasks from before get the
     * same grants here, so their forms, comments and History tab work too. Only per-task grants are copied,
     * never the managers' READ on all tasks.
     */
    private void grantHistoryOfOpenTasks() {
        List<Authorization> taskGrants = authorizationService
                .createAuthorizationQuery()
                .authorizationType(AUTH_TYPE_GRANT)
                .resourceType(Resources.TASK)
                .list();
        for (Authorization taskGrant : taskGrants) {
            String taskId = taskGrant.getResourceId();
            if (Authorization.ANY.equals(taskId) || !taskGrant.isPermissionGranted(Permissions.READ)) {
                continue;
            }
            if (!taskGrant.isPermissionGranted(TaskPermissions.READ_VARIABLE)) {
                taskGrant.addPermission(TaskPermissions.READ_VARIABLE);
                authorizationService.saveAuthorization(taskGrant);
            }
            AuthorizationQuery historic = authorizationService
                    .createAuthorizationQuery()
                    .authorizationType(AUTH_TYPE_GRANT)
                    .resourceType(Resources.HISTORIC_TASK)
                    .resourceId(taskId);
            historic = taskGrant.getGroupId() != null
                    ? historic.groupIdIn(taskGrant.getGroupId())
                    : historic.userIdIn(taskGrant.getUserId());
            Authorization existing = historic.singleResult();
            if (existing == null) {
                existing = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
                existing.setGroupId(taskGrant.getGroupId());
                existing.setUserId(taskGrant.getUserId());
                existing.setResource(Resources.HISTORIC_TASK);
                existing.setResourceId(taskId);
            } else if (existing.isPermissionGranted(HistoricTaskPermissions.READ)
                    && existing.isPermissionGranted(HistoricTaskPermissions.READ_VARIABLE)) {
                continue;
            }
            existing.addPermission(HistoricTaskPermissions.READ);
            existing.addPermission(HistoricTaskPermissions.READ_VARIABLE);
            authorizationService.saveAuthorization(existing);
        }
    }

    void createGroup(String id, String name, String type) {
        if (identityService.createGroupQuery().groupId(id).count() == 0) {
            Group group = identityService.newGroup(id);
            group.setName(name);
            group.setType(type);
            identityService.saveGroup(group);
        }
    }

    void addMembership(String userId, String groupId) {
        if (identityService
                        .createUserQuery()
                        .userId(userId)
                        .memberOfGroup(groupId)
                        .count()
                == 0) {
            identityService.createMembership(userId, groupId);
        }
    }

    /** Takes permissions out of a grant an earlier version gave (a grant, not a revoke: see grantVariableReading). */
    private void withdraw(String groupId, Resource resource, String resourceId, Permission... permissions) {
        Authorization authorization = authorizationService
                .createAuthorizationQuery()
                .authorizationType(AUTH_TYPE_GRANT)
                .groupIdIn(groupId)
                .resourceType(resource)
                .resourceId(resourceId)
                .singleResult();
        if (authorization == null) {
            return;
        }
        boolean changed = false;
        for (Permission permission : permissions) {
            if (authorization.isPermissionGranted(permission)) {
                authorization.removePermission(permission);
                changed = true;
            }
        }
        if (changed) {
            authorizationService.saveAuthorization(authorization);
        }
    }

    private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
        Authorization authorization = authorizationService
                .createAuthorizationQuery()
                .authorizationType(AUTH_TYPE_GRANT)
                .groupIdIn(groupId)
                .resourceType(resource)
                .resourceId(resourceId)
                .singleResult();
        if (authorization == null) {
            authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
            authorization.setGroupId(groupId);
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
        }
        boolean changed = authorization.getId() == null;
        for (Permission permission : permissions) {
            if (!authorization.isPermissionGranted(permission)) {
                authorization.addPermission(permission);
                changed = true;
            }
        }
        if (changed) {
            authorizationService.saveAuthorization(authorization);
        }
    }
}
