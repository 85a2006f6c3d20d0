package com.csmflow.servicerequest;

import com.csmflow.api.ListFilters;
import com.csmflow.api.PageParameters;
import com.csmflow.audit.RegisterAudit;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.register.BusinessKeys;
import com.csmflow.security.RoleGroup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.identity.User;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The service registers: requests, services, team members, profiles, the resource inventory with its
 * allocations and the service's work records; every write audited in the caller's transaction (the
 * engine's, when a process step writes).
 */
@Service
class ServiceRegister {

    static final String REQUEST_REGISTER = "service-request";
    static final String SERVICE_REGISTER = "service";
    static final String TEAM_REGISTER = "service-team-member";
    static final String RESOURCE_REGISTER = "service-resource";
    static final String ALLOCATION_REGISTER = "service-resource-allocation";
    static final String WORK_REGISTER = "service-work-record";
    static final String PROFILE_REGISTER = "staff-profile";
    /** More active services than this and an SM or DM counts as without capacity. */
    static final int MAX_SERVICES_PER_MANAGER = 3;

    private final ServiceRequestRepository requests;
    private final ManagedServiceRepository services;
    private final StaffProfileRepository profiles;
    private final TeamMemberRepository members;
    private final ServiceResourceRepository resources;
    private final ResourceAllocationRepository allocations;
    private final WorkRecordRepository work;
    private final RegisterAudit audit;
    private final BusinessKeys businessKeys;
    private final IdentityService identityService;
    private final EngineIdentity engineIdentity;

    @SuppressWarnings("java:S107")
    ServiceRegister(
            ServiceRequestRepository requests,
            ManagedServiceRepository services,
            StaffProfileRepository profiles,
            TeamMemberRepository members,
            ServiceResourceRepository resources,
            ResourceAllocationRepository allocations,
            WorkRecordRepository work,
            RegisterAudit audit,
            BusinessKeys businessKeys,
            IdentityService identityService,
            EngineIdentity engineIdentity) {
        this.requests = requests;
        this.services = services;
        this.profiles = profiles;
        this.members = members;
        this.resources = resources;
        this.allocations = allocations;
        this.work = work;
        this.audit = audit;
        this.businessKeys = businessKeys;
        this.identityService = identityService;
        this.engineIdentity = engineIdentity;
    }

    // ------------------------------------------------------------------ requests

    @Transactional
    ServiceRequestRecord createRequest(DelegateExecution execution, ServiceRequestRecord record) {
        ServiceRequestRecord saved = requests.save(record);
        audit.record(
                execution, REQUEST_REGISTER, saved.getReference(), RegisterAudit.CREATE, Map.of(), saved.auditView());
        return saved;
    }

    /** Applies a change to the request of the execution's business key and audits the fields that changed. */
    @Transactional
    ServiceRequestRecord updateRequest(
            DelegateExecution execution, String action, Consumer<ServiceRequestRecord> change) {
        String reference = execution.getProcessBusinessKey();
        ServiceRequestRecord record = requests.findByReference(reference)
                .orElseThrow(() -> new IllegalStateException("No service request " + reference + " in the register"));
        Map<String, Object> before = new LinkedHashMap<>(record.auditView());
        change.accept(record);
        audit.record(execution, REQUEST_REGISTER, reference, action, before, record.auditView());
        return record;
    }

    @Transactional(readOnly = true)
    Optional<ServiceRequestRecord> findRequest(String reference) {
        return requests.findByReference(reference);
    }

    @Transactional(readOnly = true)
    Page<ServiceRequestRecord> searchRequests(String client, ServiceRequestStatus status, PageParameters page) {
        return requests.findAll(
                ListFilters.<ServiceRequestRecord>allOf(
                        ListFilters.equal("clientReference", client), ListFilters.equal("status", status)),
                page.sortedBy(Sort.by(Sort.Direction.DESC, "createdAt").and(Sort.by("reference"))));
    }

    // ------------------------------------------------------------------ services

    @Transactional
    ManagedService openService(DelegateExecution execution, ManagedService service) {
        ManagedService saved = services.save(service);
        audit.record(
                execution, SERVICE_REGISTER, saved.getReference(), RegisterAudit.CREATE, Map.of(), saved.auditView());
        return saved;
    }

    @Transactional
    ManagedService updateService(
            DelegateExecution execution, String reference, String action, Consumer<ManagedService> change) {
        ManagedService service = requireService(reference);
        Map<String, Object> before = new LinkedHashMap<>(service.auditView());
        change.accept(service);
        audit.record(execution, SERVICE_REGISTER, reference, action, before, service.auditView());
        return service;
    }

    @Transactional(readOnly = true)
    Optional<ManagedService> findService(String reference) {
        return services.findByReference(reference);
    }

    /** Whether the client has an active service other than this one. */
    @Transactional(readOnly = true)
    boolean hasOtherActiveService(String clientReference, String serviceReference) {
        return services.otherActiveServicesOfClient(clientReference, serviceReference) > 0;
    }

    @Transactional(readOnly = true)
    Optional<ManagedService> findServiceOfRequest(String requestReference) {
        return services.findByRequestReference(requestReference);
    }

    ManagedService requireService(String reference) {
        return services.findByReference(reference)
                .orElseThrow(() -> new IllegalStateException("No service " + reference + " in the register"));
    }

    @Transactional(readOnly = true)
    Page<ManagedService> searchServices(String client, ServiceStatus status, String manager, PageParameters page) {
        return services.findAll(
                ListFilters.<ManagedService>allOf(
                        ListFilters.equal("clientReference", client),
                        ListFilters.equal("status", status),
                        manager == null
                                ? ServiceRegister.<ManagedService>any()
                                : (root, query, cb) -> cb.or(
                                        cb.equal(root.get("serviceManager"), manager),
                                        cb.equal(root.get("deliveryManager"), manager))),
                page.sortedBy(Sort.by("reference")));
    }

    // ------------------------------------------------------------------ team and profiles

    /** Adds the person to the service's team, or updates their role and share of time. */
    @Transactional
    void putTeamMember(
            DelegateExecution execution,
            String serviceReference,
            String userId,
            String role,
            int percent,
            Instant now) {
        TeamMember member = members.findByServiceReferenceAndUserId(serviceReference, userId)
                .orElse(null);
        Map<String, Object> before = member == null ? Map.of() : memberView(member);
        if (member == null) {
            member = members.save(new TeamMember(serviceReference, userId, role, percent, now));
        } else {
            member.update(role, percent);
        }
        audit.record(
                execution,
                TEAM_REGISTER,
                serviceReference + "/" + userId,
                before.isEmpty() ? RegisterAudit.CREATE : RegisterAudit.UPDATE,
                before,
                memberView(member));
    }

    @Transactional(readOnly = true)
    List<TeamMember> team(String serviceReference) {
        return members.findByServiceReferenceOrderByUserIdAsc(serviceReference);
    }

    @Transactional
    StaffProfile putProfile(String userId, List<String> skills, String shortProfile, Instant now) {
        StaffProfile profile = profiles.findByUserId(userId).orElse(null);
        Map<String, Object> before = profile == null ? Map.of() : profileView(profile);
        if (profile == null) {
            profile = profiles.save(new StaffProfile(userId, skills, shortProfile, now));
        } else {
            profile.update(skills, shortProfile, now);
        }
        audit.record(
                PROFILE_REGISTER,
                userId,
                before.isEmpty() ? RegisterAudit.CREATE : RegisterAudit.UPDATE,
                before,
                profileView(profile));
        return profile;
    }

    @Transactional(readOnly = true)
    Optional<StaffProfile> profile(String userId) {
        return profiles.findByUserId(userId);
    }

    @Transactional(readOnly = true)
    Page<StaffProfile> searchProfiles(String skill, PageParameters page) {
        org.springframework.data.jpa.domain.Specification<StaffProfile> withSkill = skill == null
                ? any()
                : (root, query, cb) -> cb.like(
                        cb.concat(cb.concat(",", root.<String>get("skills")), ","),
                        "%," + StaffProfile.skill(skill) + ",%");
        return profiles.findAll(withSkill, page.sortedBy(Sort.by("userId")));
    }

    /** Whether the user works in a service that the given manager runs as SM or DM. */
    @Transactional(readOnly = true)
    boolean worksForManager(String userId, String managerId) {
        List<String> managed = servicesManagedBy(managerId);
        return !managed.isEmpty() && members.memberOfAny(managed, userId);
    }

    /** The people (active or not) in the teams of the services the manager runs as SM or DM. */
    @Transactional(readOnly = true)
    Set<String> membersOfServicesManagedBy(String managerId) {
        Set<String> people = new TreeSet<>();
        for (String service : servicesManagedBy(managerId)) {
            members.findByServiceReferenceOrderByUserIdAsc(service).forEach(m -> people.add(m.getUserId()));
        }
        return people;
    }

    /** References of the services (any status) the user runs as SM or DM. */
    @Transactional(readOnly = true)
    List<String> servicesManagedBy(String managerId) {
        return services
                .findAll((root, query, cb) -> cb.or(
                        cb.equal(root.get("serviceManager"), managerId),
                        cb.equal(root.get("deliveryManager"), managerId)))
                .stream()
                .map(ManagedService::getReference)
                .toList();
    }

    // ------------------------------------------------------------------ resources

    @Transactional
    ServiceResource addResource(
            DelegateExecution execution,
            String type,
            String identifier,
            String owner,
            String serviceReference,
            Instant now) {
        ServiceResource resource = resources.save(
                new ServiceResource(businessKeys.next("RES"), type, identifier, owner, serviceReference, now));
        audit.record(
                execution,
                RESOURCE_REGISTER,
                resource.getReference(),
                RegisterAudit.CREATE,
                Map.of(),
                resource.auditView());
        return resource;
    }

    @Transactional(readOnly = true)
    Optional<ServiceResource> findResource(String reference) {
        return resources.findByReference(reference);
    }

    @Transactional
    void resourceStatus(DelegateExecution execution, ServiceResource resource, ResourceStatus status, Instant now) {
        Map<String, Object> before = resource.auditView();
        resource.status(status, now);
        audit.record(
                execution, RESOURCE_REGISTER, resource.getReference(), status.name(), before, resource.auditView());
    }

    @Transactional(readOnly = true)
    Page<ServiceResource> searchResources(String service, ResourceStatus status, String type, PageParameters page) {
        return resources.findAll(
                ListFilters.<ServiceResource>allOf(
                        ListFilters.equal("serviceReference", service),
                        ListFilters.equal("status", status),
                        ListFilters.equal("resourceType", type)),
                page.sortedBy(Sort.by("reference")));
    }

    @Transactional
    ResourceAllocation allocate(
            DelegateExecution execution,
            ServiceResource resource,
            String serviceReference,
            String member,
            Instant now) {
        resourceStatus(execution, resource, ResourceStatus.ALLOCATED, now);
        ResourceAllocation allocation = allocations.save(new ResourceAllocation(
                serviceReference, resource.getReference(), member, now, execution.getProcessInstanceId()));
        audit.record(
                execution,
                ALLOCATION_REGISTER,
                resource.getReference(),
                "ALLOCATE",
                Map.of(),
                Map.of("service", serviceReference, "member", member));
        return allocation;
    }

    /** Releases the allocation and frees its resource; false when it was released already. */
    @Transactional
    boolean release(DelegateExecution execution, ResourceAllocation allocation, Instant now) {
        if (!ResourceAllocation.OPEN.equals(allocation.getStatus())) {
            return false;
        }
        allocation.release(now);
        audit.record(
                execution,
                ALLOCATION_REGISTER,
                allocation.getResourceReference(),
                "RELEASE",
                Map.of("member", allocation.getMemberUserId()),
                Map.of("member", allocation.getMemberUserId(), "status", ResourceAllocation.RELEASED));
        resources
                .findByReference(allocation.getResourceReference())
                .filter(resource -> resource.getStatus() == ResourceStatus.ALLOCATED)
                .ifPresent(resource -> resourceStatus(execution, resource, ResourceStatus.AVAILABLE, now));
        return true;
    }

    @Transactional(readOnly = true)
    Optional<ResourceAllocation> openAllocation(String processInstanceId, String resourceReference) {
        return allocations.findFirstByProcessInstanceIdAndResourceReferenceAndStatus(
                processInstanceId, resourceReference, ResourceAllocation.OPEN);
    }

    @Transactional(readOnly = true)
    List<ResourceAllocation> openAllocations(String serviceReference) {
        return allocations.findByServiceReferenceAndStatus(serviceReference, ResourceAllocation.OPEN);
    }

    @Transactional(readOnly = true)
    List<ResourceAllocation> allocations(String serviceReference) {
        return allocations.findByServiceReferenceOrderByAllocatedAtAscIdAsc(serviceReference);
    }

    // ------------------------------------------------------------------ work records

    /** One row per task and kind: a retried or replayed completion records nothing the second time. */
    @Transactional
    void recordWork(DelegateExecution execution, WorkRecord record, String taskId) {
        if (work.existsByTaskIdAndKind(taskId, record.getKind())) {
            return;
        }
        work.save(record);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("kind", record.getKind().name());
        // the audit log is readable by managers: a personal record leaves only its kind and subject there
        if (!record.getKind().isPersonal()) {
            after.put("content", record.getContent());
        }
        after.put("subject", record.getSubjectUserId());
        audit.record(execution, WORK_REGISTER, record.getServiceReference(), "RECORD", Map.of(), after);
    }

    @Transactional(readOnly = true)
    Page<WorkRecord> searchWork(String serviceReference, WorkKind kind, boolean withPersonal, PageParameters page) {
        return work.findAll(
                ListFilters.<WorkRecord>allOf(
                        ListFilters.equal("serviceReference", serviceReference),
                        ListFilters.equal("kind", kind),
                        withPersonal
                                ? ServiceRegister.<WorkRecord>any()
                                : (root, query, cb) -> cb.not(root.get("kind")
                                        .in(WorkKind.INDIVIDUAL_ASSESSMENT, WorkKind.INDIVIDUAL_ACTION_REPORT))),
                page.sortedBy(Sort.by("recordedAt", "id")));
    }

    // ------------------------------------------------------------------ status summary

    /** Free people by skill, load of the candidate SMs and DMs and free resources, from the registers. */
    @Transactional(readOnly = true)
    StatusSummary statusFor(List<String> requiredSkills) {
        Map<String, Long> load = new HashMap<>();
        for (Object[] row : members.activeLoadByUser()) {
            load.put((String) row[0], ((Number) row[1]).longValue());
        }
        List<StaffProfile> free = profiles.findAll().stream()
                .filter(profile -> load.getOrDefault(profile.getUserId(), 0L) < 100)
                .toList();
        StringBuilder text = new StringBuilder();
        int covered = 0;
        List<String> skills =
                requiredSkills.stream().map(StaffProfile::skill).distinct().toList();
        if (!skills.isEmpty()) {
            text.append("Free people by skill: ");
            List<String> parts = new ArrayList<>();
            for (String skill : skills) {
                long count = free.stream()
                        .filter(profile -> profile.getSkills().contains(skill))
                        .count();
                if (count > 0) {
                    covered++;
                }
                parts.add(skill + " " + count);
            }
            text.append(String.join(", ", parts)).append(". ");
        }
        int coverage = skills.isEmpty() ? 100 : covered * 100 / skills.size();
        text.append("Skill coverage ").append(coverage).append(" %. ");
        boolean sm = appendManagerLoad(text, RoleGroup.SERVICE_MANAGER);
        boolean dm = appendManagerLoad(text, RoleGroup.DELIVERY_MANAGER);
        int freeResources = (int) resources.countByStatus(ResourceStatus.AVAILABLE);
        text.append("Free resources: ").append(freeResources).append('.');
        return new StatusSummary(coverage, sm && dm, freeResources, text.toString());
    }

    /** Appends "Service Manager load: a 1, b 0." and answers whether one of them has capacity. */
    private boolean appendManagerLoad(StringBuilder text, RoleGroup group) {
        List<User> candidates = engineIdentity.asPlatform(() -> identityService
                .createUserQuery()
                .memberOfGroup(group.id())
                .orderByUserId()
                .asc()
                .listPage(0, 50));
        boolean capacity = false;
        List<String> parts = new ArrayList<>();
        for (User user : candidates) {
            long active = services.activeServicesManagedBy(user.getId());
            capacity |= active < MAX_SERVICES_PER_MANAGER;
            parts.add(user.getId() + " " + active);
        }
        text.append(group.displayName())
                .append(" load (active services): ")
                .append(parts.isEmpty() ? "nobody in the group" : String.join(", ", parts))
                .append(". ");
        return capacity;
    }

    /** Group membership as the engine's identity service knows it, whoever the current user is. */
    boolean isMember(String userId, RoleGroup group) {
        return engineIdentity.asPlatform(() -> identityService
                        .createUserQuery()
                        .userId(userId)
                        .memberOfGroup(group.id())
                        .count()
                > 0);
    }

    /** No restriction (a null predicate is left out). */
    private static <T> org.springframework.data.jpa.domain.Specification<T> any() {
        return (root, query, cb) -> null;
    }

    private static Map<String, Object> memberView(TeamMember member) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("role", member.getTeamRole());
        view.put("allocationPercent", member.getAllocationPercent());
        view.put("active", member.isActive());
        return view;
    }

    private static Map<String, Object> profileView(StaffProfile profile) {
        // skills only: the audit log is readable by all managers, the short profile stays in its register
        return Map.of("skills", String.join(",", profile.getSkills()));
    }

    @Transactional
    void leaveTeam(DelegateExecution execution, String serviceReference) {
        for (TeamMember member : members.findByServiceReferenceOrderByUserIdAsc(serviceReference)) {
            if (member.isActive()) {
                Map<String, Object> before = memberView(member);
                member.leave();
                audit.record(
                        execution,
                        TEAM_REGISTER,
                        serviceReference + "/" + member.getUserId(),
                        "LEAVE",
                        before,
                        memberView(member));
            }
        }
    }
}
