package com.csmflow.servicerequest;

import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.ListFilters;
import com.csmflow.api.NotFoundException;
import com.csmflow.api.PageParameters;
import com.csmflow.audit.RegisterAudit;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.register.BusinessKeys;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Training records per person (003 §2.2.2 step 5, reused by the InfoSec sub-process for its awareness
 * trainings, §2.2.5 step 5): recorded through {@code POST /api/training-records}, read by those
 * {@link PersonalDataAccess} lets read them, and summarised for the staffing follow-up of a team.
 */
@Service
public class TrainingRecords {

    static final String REGISTER = "training-record";

    private final TrainingRecordRepository records;
    private final ServiceRegister register;
    private final PersonalDataAccess personalData;
    private final RegisterAudit audit;
    private final BusinessKeys businessKeys;
    private final IdentityService identityService;
    private final EngineIdentity engineIdentity;
    private final Clock clock;

    @SuppressWarnings("java:S107")
    TrainingRecords(
            TrainingRecordRepository records,
            ServiceRegister register,
            PersonalDataAccess personalData,
            RegisterAudit audit,
            BusinessKeys businessKeys,
            IdentityService identityService,
            EngineIdentity engineIdentity,
            Clock clock) {
        this.records = records;
        this.register = register;
        this.personalData = personalData;
        this.audit = audit;
        this.businessKeys = businessKeys;
        this.identityService = identityService;
        this.engineIdentity = engineIdentity;
        this.clock = clock;
    }

    /** Checks the body (400 naming the field), then the caller's right over the person (403), then records. */
    @Transactional
    TrainingRecord record(ServiceBodies.TrainingBody body) {
        String userId = body.userId().trim();
        boolean known = engineIdentity.asPlatform(
                () -> identityService.createUserQuery().userId(userId).count() > 0);
        if (!known) {
            throw new InvalidFieldException("userId", "no user '" + userId + "'");
        }
        TrainingKind kind = ServiceBodies.parse(TrainingKind.class, "kind", body.kind());
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (body.completedOn().isAfter(today)) {
            throw new InvalidFieldException("completedOn", "a training is recorded once it is completed");
        }
        if (body.validUntil() != null && body.validUntil().isBefore(body.completedOn())) {
            throw new InvalidFieldException("validUntil", "must not be before completedOn");
        }
        String service = ServiceBodies.blankToNull(body.serviceReference());
        if (service != null && register.findService(service).isEmpty()) {
            throw new InvalidFieldException("serviceReference", "no service '" + service + "'");
        }
        personalData.requireTrainingWrite(userId);
        TrainingRecord saved = records.save(new TrainingRecord(
                businessKeys.next("TRN"),
                userId,
                body.course().trim(),
                kind,
                body.completedOn(),
                body.validUntil(),
                ServiceBodies.blankToNull(body.evidence()),
                service,
                personalData.caller(),
                clock.instant()));
        audit.record(REGISTER, saved.getReference(), RegisterAudit.CREATE, Map.of(), saved.auditView());
        return saved;
    }

    /**
     * Records a training a workflow step gave (the InfoSec loop's training, 003 §2.2.5 step 5): the step's
     * task was the authorisation, so no caller check here. Once per person, course and day: a step run
     * again (a retried job) does not record it twice. Answers the record's reference.
     */
    @Transactional
    public String recordGivenInStep(
            String userId,
            String course,
            TrainingKind kind,
            LocalDate completedOn,
            String evidence,
            String serviceReference,
            String recordedBy) {
        return records.findFirstByUserIdAndCourseAndCompletedOn(userId, course, completedOn)
                .map(TrainingRecord::getReference)
                .orElseGet(() -> {
                    TrainingRecord saved = records.save(new TrainingRecord(
                            businessKeys.next("TRN"),
                            userId,
                            course,
                            kind,
                            completedOn,
                            null,
                            evidence,
                            serviceReference,
                            recordedBy,
                            clock.instant()));
                    audit.record(REGISTER, saved.getReference(), RegisterAudit.CREATE, Map.of(), saved.auditView());
                    return saved.getReference();
                });
    }

    /** One record, for those who may read the person's records (403 otherwise). */
    @Transactional(readOnly = true)
    TrainingRecord get(String reference) {
        TrainingRecord record = records.findByReference(reference)
                .orElseThrow(() -> new NotFoundException("Training record", reference));
        Optional<Set<String>> visible = personalData.trainingRecordsVisible();
        if (visible.isPresent() && !visible.get().contains(record.getUserId())) {
            throw new AccessDeniedException("Training records are personal data: the person, competence manager, "
                    + "HR, HRDC, and the SM and DM of the services the person works in");
        }
        return record;
    }

    /** The records the caller may read, filtered in the query, newest completion first. */
    @Transactional(readOnly = true)
    Page<TrainingRecord> search(
            String userId, String serviceReference, TrainingKind kind, LocalDate expiringBefore, PageParameters page) {
        Optional<Set<String>> visible = personalData.trainingRecordsVisible();
        Specification<TrainingRecord> readable = visible.isEmpty()
                ? (root, query, cb) -> null
                : (root, query, cb) -> root.get("userId").in(visible.get());
        Specification<TrainingRecord> expiring = expiringBefore == null
                ? (root, query, cb) -> null
                : (root, query, cb) -> cb.lessThan(root.get("validUntil"), expiringBefore);
        return records.findAll(
                ListFilters.<TrainingRecord>allOf(
                        readable,
                        ListFilters.equal("userId", userId),
                        ListFilters.equal("serviceReference", serviceReference),
                        ListFilters.equal("kind", kind),
                        expiring),
                page.sortedBy(Sort.by(Sort.Direction.DESC, "completedOn").and(Sort.by("reference"))));
    }

    /**
     * What the staffing follow-up shows about the team's trainings: per active member, the valid records,
     * those that run out before {@code horizon}, those already expired, and who has none at all; one line (a Markdown list item) a member.
     */
    @Transactional(readOnly = true)
    public String teamSummary(String serviceReference, LocalDate today, LocalDate horizon) {
        List<String> team = register.team(serviceReference).stream()
                .filter(TeamMember::isActive)
                .map(TeamMember::getUserId)
                .toList();
        if (team.isEmpty()) {
            return "No team members yet.";
        }
        StringBuilder text = new StringBuilder();
        for (String member : team) {
            List<TrainingRecord> own = forPeople(List.of(member));
            text.append("- ").append(member).append(": ");
            if (own.isEmpty()) {
                text.append("no training records (missing)");
            } else {
                long valid = own.stream().filter(r -> r.validOn(horizon)).count();
                List<String> expiring = own.stream()
                        .filter(r -> r.validOn(today) && !r.validOn(horizon))
                        .map(r -> r.getCourse() + " until " + r.getValidUntil())
                        .toList();
                List<String> expired = own.stream()
                        .filter(r -> !r.validOn(today))
                        .map(r -> r.getCourse() + " since " + r.getValidUntil())
                        .toList();
                text.append(valid).append(" valid");
                if (!expiring.isEmpty()) {
                    text.append("; expiring before ")
                            .append(horizon)
                            .append(": ")
                            .append(String.join(", ", expiring));
                }
                if (!expired.isEmpty()) {
                    text.append("; expired: ").append(String.join(", ", expired));
                }
                if (own.stream().noneMatch(r -> r.getKind() == TrainingKind.INFOSEC_AWARENESS && r.validOn(today))) {
                    text.append("; no valid InfoSec awareness training (missing)");
                }
            }
            text.append('\n');
        }
        return text.toString().strip();
    }

    private List<TrainingRecord> forPeople(Collection<String> userIds) {
        return records.findByUserIdInOrderByUserIdAscCompletedOnDesc(userIds);
    }
}
