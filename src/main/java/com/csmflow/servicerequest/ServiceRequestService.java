package com.csmflow.servicerequest;

import static com.csmflow.servicerequest.ServiceRequestProcess.ADDITION_APPROVED;
import static com.csmflow.servicerequest.ServiceRequestProcess.APPROVAL_COMMENT;
import static com.csmflow.servicerequest.ServiceRequestProcess.PURPOSE;
import static com.csmflow.servicerequest.ServiceRequestProcess.RELEASE_NOTES;
import static com.csmflow.servicerequest.ServiceRequestProcess.REQUESTED_BY;
import static com.csmflow.servicerequest.ServiceRequestProcess.REQUESTED_FOR;
import static com.csmflow.servicerequest.ServiceRequestProcess.RESOURCE_APPROVED;
import static com.csmflow.servicerequest.ServiceRequestProcess.RESOURCE_IDENTIFIER;
import static com.csmflow.servicerequest.ServiceRequestProcess.RESOURCE_OWNER;
import static com.csmflow.servicerequest.ServiceRequestProcess.RESOURCE_REFERENCE;
import static com.csmflow.servicerequest.ServiceRequestProcess.RESOURCE_TYPE;

import com.csmflow.api.ConflictException;
import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.NotFoundException;
import com.csmflow.api.PageParameters;
import com.csmflow.client.Clients;
import com.csmflow.engine.CaseVariables;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.register.BusinessKeys;
import com.csmflow.servicerequest.ServiceViews.AllocationView;
import com.csmflow.servicerequest.ServiceViews.ProfileView;
import com.csmflow.servicerequest.ServiceViews.RequestView;
import com.csmflow.servicerequest.ServiceViews.ResourceView;
import com.csmflow.servicerequest.ServiceViews.ServiceView;
import com.csmflow.servicerequest.ServiceViews.TeamMemberView;
import com.csmflow.servicerequest.ServiceViews.WorkRecordView;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.data.domain.Page;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The service requests and the service register as the API sees them. */
@Service
class ServiceRequestService {

    private final ServiceRegister register;
    private final Clients clients;
    private final BusinessKeys businessKeys;
    private final RuntimeService runtimeService;
    private final EngineIdentity engineIdentity;
    private final PersonalDataAccess personalData;
    private final Clock clock;

    ServiceRequestService(
            ServiceRegister register,
            Clients clients,
            BusinessKeys businessKeys,
            RuntimeService runtimeService,
            EngineIdentity engineIdentity,
            PersonalDataAccess personalData,
            Clock clock) {
        this.register = register;
        this.clients = clients;
        this.businessKeys = businessKeys;
        this.runtimeService = runtimeService;
        this.engineIdentity = engineIdentity;
        this.personalData = personalData;
        this.clock = clock;
    }

    /**
     * Starts the workflow as the platform with the SRQ reference as business key: the first step records
     * the request and computes the status in this transaction, so a refusal leaves nothing behind.
     */
    @Transactional
    RequestView submit(ServiceRequestBody body) {
        clients.require(body.clientReference());
        if (!body.termEnd().isAfter(body.expectedStart())) {
            throw new InvalidFieldException("termEnd", "must be after expectedStart");
        }
        String reference = businessKeys.next("SRQ");
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(CaseVariables.CLIENT_REFERENCE.name(), body.clientReference());
        if (body.priority() != null) {
            variables.put(CaseVariables.PRIORITY.name(), body.priority());
        }
        variables.put(
                ServiceRequestProcess.SERVICE_NAME.name(), body.serviceName().trim());
        variables.put(ServiceRequestProcess.CRITERIA.name(), body.criteria());
        variables.put(
                ServiceRequestProcess.REQUIRED_SKILLS.name(),
                new ArrayList<>(body.requiredSkills() == null ? java.util.List.of() : body.requiredSkills()));
        variables.put(
                ServiceRequestProcess.EXPECTED_START.name(),
                body.expectedStart().toString());
        variables.put(ServiceRequestProcess.TERM_END.name(), body.termEnd().toString());
        variables.put(ServiceRequestProcess.PRICE_MODEL.name(), body.priceModel());
        variables.put(ServiceRequestProcess.RISK.name(), body.risk());
        variables.put(
                ServiceRequestProcess.DOCUMENTS.name(),
                new ArrayList<>(body.documents() == null ? java.util.List.of() : body.documents()));
        variables.put(ServiceRequestProcess.REQUESTER_EMAIL.name(), body.requesterEmail());
        variables.put("requestedBy", currentUser());
        engineIdentity.asPlatform(() -> runtimeService
                .createProcessInstanceByKey(ServiceRequestProcess.KEY)
                .businessKey(reference)
                .setVariables(variables)
                .execute());
        return request(reference);
    }

    @Transactional(readOnly = true)
    RequestView request(String reference) {
        return RequestView.of(
                register.findRequest(reference).orElseThrow(() -> new NotFoundException("Service request", reference)));
    }

    @Transactional(readOnly = true)
    Page<RequestView> requests(String client, String status, PageParameters page) {
        return register.searchRequests(client, parse(ServiceRequestStatus.class, "status", status), page)
                .map(RequestView::of);
    }

    @Transactional(readOnly = true)
    ServiceView service(String reference) {
        ManagedService service = requireService(reference);
        return ServiceView.of(
                service,
                register.team(reference).stream().map(TeamMemberView::of).toList(),
                register.allocations(reference).stream().map(AllocationView::of).toList());
    }

    @Transactional(readOnly = true)
    Page<ServiceView> services(String client, String status, String manager, PageParameters page) {
        return register.searchServices(client, parse(ServiceStatus.class, "status", status), manager, page)
                .map(service -> ServiceView.of(service, null, null));
    }

    /** Ends the service now: the message interrupts its life, the SM, DM and DC Head consolidate. */
    @Transactional
    ServiceView end(String reference, ServiceBodies.EndRequest body) {
        ManagedService service = requireActive(reference);
        Map<String, Object> variables = new HashMap<>();
        variables.put(ServiceRequestProcess.END_REASON.name(), body.reason().trim());
        correlate(service, ServiceRequestProcess.MESSAGE_END_REQUESTED, variables, false);
        return service(reference);
    }

    @Transactional
    void requestResource(String reference, ServiceBodies.ResourceRequest body) {
        ManagedService service = requireActive(reference);
        Map<String, Object> local = new HashMap<>();
        local.put(REQUESTED_FOR.name(), currentUser());
        local.put(RESOURCE_TYPE.name(), body.resourceType().trim());
        local.put(PURPOSE.name(), body.purpose().trim());
        // the answers of this request's tasks stay in its own scope: requests run side by side
        local.put(RESOURCE_APPROVED.name(), null);
        local.put(APPROVAL_COMMENT.name(), null);
        local.put(RESOURCE_REFERENCE.name(), null);
        local.put(RELEASE_NOTES.name(), null);
        correlate(service, ServiceRequestProcess.MESSAGE_RESOURCE_REQUESTED, local, true);
    }

    @Transactional
    void requestAddition(String reference, ServiceBodies.ResourceAddition body) {
        ManagedService service = requireActive(reference);
        Map<String, Object> local = new HashMap<>();
        local.put(REQUESTED_BY.name(), currentUser());
        local.put(RESOURCE_TYPE.name(), body.resourceType().trim());
        local.put(PURPOSE.name(), body.purpose().trim());
        local.put(ADDITION_APPROVED.name(), null);
        local.put(APPROVAL_COMMENT.name(), null);
        local.put(RESOURCE_IDENTIFIER.name(), null);
        local.put(RESOURCE_OWNER.name(), null);
        correlate(service, ServiceRequestProcess.MESSAGE_RESOURCE_ADDITION_REQUESTED, local, true);
    }

    @Transactional
    void requestRetirement(String reference, ServiceBodies.ResourceRetirement body) {
        ManagedService service = requireActive(reference);
        ServiceResource resource = register.findResource(
                        body.resourceReference().trim())
                .filter(found -> reference.equals(found.getServiceReference()))
                .orElseThrow(() -> new InvalidFieldException(
                        "resourceReference", "no resource of service " + reference + " with this reference"));
        Map<String, Object> local = new HashMap<>();
        local.put(REQUESTED_BY.name(), currentUser());
        local.put(RESOURCE_REFERENCE.name(), resource.getReference());
        local.put(PURPOSE.name(), body.purpose());
        correlate(service, ServiceRequestProcess.MESSAGE_RESOURCE_RETIREMENT_REQUESTED, local, true);
    }

    @Transactional(readOnly = true)
    Page<ResourceView> resources(String service, String status, String type, PageParameters page) {
        return register.searchResources(service, parse(ResourceStatus.class, "status", status), type, page)
                .map(ResourceView::of);
    }

    /** The service's records; personal ones only for those {@link PersonalDataAccess} lets read them. */
    @Transactional(readOnly = true)
    Page<WorkRecordView> records(String reference, String kind, PageParameters page) {
        ManagedService service = requireService(reference);
        WorkKind wanted = parse(WorkKind.class, "kind", kind);
        boolean personal = personalData.mayReadPersonalDataOf(service);
        if (wanted != null && wanted.isPersonal() && !personal) {
            throw new AccessDeniedException("Individual assessments and action reports are personal data: "
                    + "competence manager, HR and the service's SM and DM");
        }
        return register.searchWork(reference, wanted, personal, page).map(WorkRecordView::of);
    }

    @Transactional(readOnly = true)
    ProfileView profile(String userId) {
        StaffProfile profile = register.profile(userId).orElseThrow(() -> new NotFoundException("Profile", userId));
        personalData.requireProfileAccess(userId);
        return ProfileView.of(profile);
    }

    @Transactional(readOnly = true)
    Page<ProfileView> profiles(String skill, PageParameters page) {
        return register.searchProfiles(skill, page).map(ProfileView::of);
    }

    @Transactional
    ProfileView putProfile(String userId, ServiceBodies.ProfileBody body) {
        if (userId.length() > 64 || !userId.matches("[A-Za-z0-9._@-]+")) {
            throw new InvalidFieldException("userId", "a user id: letters, digits, . _ @ -, at most 64");
        }
        return ProfileView.of(register.putProfile(userId, body.skills(), body.shortProfile(), clock.instant()));
    }

    private void correlate(ManagedService service, String message, Map<String, Object> variables, boolean toScope) {
        String instance =
                service.getOrigin() == null ? null : service.getOrigin().getProcessInstanceId();
        engineIdentity.asPlatform(() -> {
            var correlation = runtimeService.createMessageCorrelation(message).processInstanceId(instance);
            if (toScope) {
                correlation.setVariablesToTriggeredScope(variables);
            } else {
                correlation.setVariables(variables);
            }
            if (correlation.correlateAllWithResult().isEmpty()) {
                throw new ConflictException("Service " + service.getReference() + " is not waiting for " + message);
            }
        });
    }

    private ManagedService requireService(String reference) {
        return register.findService(reference).orElseThrow(() -> new NotFoundException("Service", reference));
    }

    private ManagedService requireActive(String reference) {
        ManagedService service = requireService(reference);
        if (service.getStatus() != ServiceStatus.ACTIVE) {
            throw new ConflictException("Service " + reference + " has ended");
        }
        return service;
    }

    private static String currentUser() {
        var caller = SecurityContextHolder.getContext().getAuthentication();
        return caller == null ? null : caller.getName();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException unknown) {
            throw new InvalidFieldException(
                    field,
                    "must be one of "
                            + Arrays.stream(type.getEnumConstants())
                                    .map(Enum::name)
                                    .sorted()
                                    .toList());
        }
    }
}
