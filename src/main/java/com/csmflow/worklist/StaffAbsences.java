package com.csmflow.worklist;

import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.NotFoundException;
import com.csmflow.client.Client;
import com.csmflow.client.Clients;
import com.csmflow.engine.CaseVariables;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.security.RoleGroup;
import java.time.Clock;
import java.time.Instant;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who is away, and the consequence: while a designated CSM is away, the CSM tasks of their clients go to
 * the backup. Recorded per person, not per client: a CSM who looks after several clients is away for all
 * of them at once, and their colleagues do not have to edit every client. When an absence is recorded that
 * has begun, the person's open CSM tasks of those clients move to each client's backup at once; tasks stay
 * with the backup when the person is back (the backup has started on them).
 */
@Service
class StaffAbsences {

    private final StaffAbsenceRepository absences;
    private final Clients clients;
    private final TaskService taskService;
    private final IdentityService identityService;
    private final EngineIdentity identity;
    private final Clock clock;

    StaffAbsences(
            StaffAbsenceRepository absences,
            Clients clients,
            TaskService taskService,
            IdentityService identityService,
            EngineIdentity identity,
            Clock clock) {
        this.absences = absences;
        this.clients = clients;
        this.taskService = taskService;
        this.identityService = identityService;
        this.identity = identity;
        this.clock = clock;
    }

    /** Away now. */
    @Transactional(readOnly = true)
    public boolean isAway(String userId) {
        Instant now = clock.instant();
        return absences.findByUserId(userId).filter(a -> a.covers(now)).isPresent();
    }

    @Transactional(readOnly = true)
    public AbsenceView get(String userId) {
        requireUser(userId);
        return absences.findByUserId(userId)
                .map(absence -> AbsenceView.of(absence, 0, clock.instant()))
                .orElseThrow(() -> new NotFoundException("Absence of user", userId));
    }

    /** Records (or replaces) the absence; moves the person's open CSM tasks when it has begun. */
    @Transactional
    public AbsenceView record(String userId, AbsenceRequest request) {
        requireUser(userId);
        Instant now = clock.instant();
        Instant from = request.from() == null ? now : request.from();
        if (!request.until().isAfter(from)) {
            throw new InvalidFieldException("until", "must be after from");
        }
        if (!request.until().isAfter(now)) {
            throw new InvalidFieldException("until", "must be in the future");
        }
        StaffAbsence absence = absences.findByUserId(userId).orElseGet(() -> new StaffAbsence(userId));
        absence.record(from, request.until(), request.reason(), identity.currentUserIdOr("system"), now);
        StaffAbsence saved = absences.saveAndFlush(absence);
        int moved = saved.covers(now) ? handOver(userId) : 0;
        return AbsenceView.of(saved, moved, now);
    }

    /** Back: new tasks go to the person again. */
    @Transactional
    public void clear(String userId) {
        requireUser(userId);
        absences.findByUserId(userId).ifPresent(absences::delete);
    }

    /** The person's open CSM tasks of the clients they are designated for, to each client's backup. */
    private int handOver(String userId) {
        int moved = 0;
        for (Client client : clients.withDesignatedCsm(userId)) {
            String backup = client.getBackupCsm();
            if (backup == null || isAway(backup)) {
                continue; // the task stays where it is; the csm group sees it too
            }
            moved += identity.asPlatform(() -> {
                int count = 0;
                for (Task task : taskService
                        .createTaskQuery()
                        .taskAssignee(userId)
                        .taskCandidateGroup(RoleGroup.CSM.id())
                        .includeAssignedTasks()
                        .processVariableValueEquals(CaseVariables.CLIENT_REFERENCE.name(), client.getReference())
                        .list()) {
                    taskService.setAssignee(task.getId(), backup);
                    count++;
                }
                return count;
            });
        }
        return moved;
    }

    /** Asked as the platform: staff may not read other users through the engine. */
    private void requireUser(String userId) {
        if (!identity.asPlatform(
                () -> identityService.createUserQuery().userId(userId).count() > 0)) {
            throw new NotFoundException("User", userId);
        }
    }

    /** An absence as the API shows it; {@code movedTasks} counts the tasks this request handed over. */
    record AbsenceView(
            String userId,
            Instant from,
            Instant until,
            String reason,
            String recordedBy,
            Instant recordedAt,
            boolean awayNow,
            int movedTasks) {

        static AbsenceView of(StaffAbsence absence, int moved, Instant now) {
            return new AbsenceView(
                    absence.getUserId(),
                    absence.getFrom(),
                    absence.getUntil(),
                    absence.getReason(),
                    absence.getRecordedBy(),
                    absence.getRecordedAt(),
                    absence.covers(now),
                    moved);
        }
    }
}
