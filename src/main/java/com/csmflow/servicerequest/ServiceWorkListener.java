package com.csmflow.servicerequest;

import static com.csmflow.servicerequest.ServiceRequestProcess.ACTION_REPORT;
import static com.csmflow.servicerequest.ServiceRequestProcess.ACTION_SLOTS;
import static com.csmflow.servicerequest.ServiceRequestProcess.ADDITION_APPROVED;
import static com.csmflow.servicerequest.ServiceRequestProcess.APPROVAL_COMMENT;
import static com.csmflow.servicerequest.ServiceRequestProcess.ASSESSED_MEMBER;
import static com.csmflow.servicerequest.ServiceRequestProcess.ASSESSMENT;
import static com.csmflow.servicerequest.ServiceRequestProcess.GOVERNANCE_ACTIONS;
import static com.csmflow.servicerequest.ServiceRequestProcess.GOVERNANCE_ACTIONS_DONE;
import static com.csmflow.servicerequest.ServiceRequestProcess.GOVERNANCE_CYCLE;
import static com.csmflow.servicerequest.ServiceRequestProcess.GOVERNANCE_FOLLOW_UP;
import static com.csmflow.servicerequest.ServiceRequestProcess.GOVERNANCE_MODEL;
import static com.csmflow.servicerequest.ServiceRequestProcess.INDIVIDUAL_ACTIONS_DONE;
import static com.csmflow.servicerequest.ServiceRequestProcess.INDIVIDUAL_ACTION_REPORT;
import static com.csmflow.servicerequest.ServiceRequestProcess.INDIVIDUAL_ACTION_SLOTS;
import static com.csmflow.servicerequest.ServiceRequestProcess.INDIVIDUAL_ASSESSMENT;
import static com.csmflow.servicerequest.ServiceRequestProcess.INDIVIDUAL_ASSESSMENT_CYCLE;
import static com.csmflow.servicerequest.ServiceRequestProcess.INDIVIDUAL_LESSONS_LEARNED;
import static com.csmflow.servicerequest.ServiceRequestProcess.INVENTORY;
import static com.csmflow.servicerequest.ServiceRequestProcess.INVENTORY_REVIEW;
import static com.csmflow.servicerequest.ServiceRequestProcess.KNOWLEDGE_PLAN;
import static com.csmflow.servicerequest.ServiceRequestProcess.LESSONS_LEARNED;
import static com.csmflow.servicerequest.ServiceRequestProcess.OPEN_ACTIONS;
import static com.csmflow.servicerequest.ServiceRequestProcess.PURPOSE;
import static com.csmflow.servicerequest.ServiceRequestProcess.QUALITY_CRITERIA;
import static com.csmflow.servicerequest.ServiceRequestProcess.RECRUITMENT_PLAN;
import static com.csmflow.servicerequest.ServiceRequestProcess.REQUESTED_BY;
import static com.csmflow.servicerequest.ServiceRequestProcess.REQUESTED_FOR;
import static com.csmflow.servicerequest.ServiceRequestProcess.RESOURCE_APPROVED;
import static com.csmflow.servicerequest.ServiceRequestProcess.RESOURCE_IDENTIFIER;
import static com.csmflow.servicerequest.ServiceRequestProcess.RESOURCE_OWNER;
import static com.csmflow.servicerequest.ServiceRequestProcess.RESOURCE_REFERENCE;
import static com.csmflow.servicerequest.ServiceRequestProcess.RESOURCE_TYPE;
import static com.csmflow.servicerequest.ServiceRequestProcess.SERVICE_REFERENCE;
import static com.csmflow.servicerequest.ServiceRequestProcess.SKILL_GAP_REPORT;
import static com.csmflow.servicerequest.ServiceRequestProcess.STAFFING_FOLLOW_UP;
import static com.csmflow.servicerequest.ServiceRequestProcess.STAFFING_FOLLOW_UP_CYCLE;
import static com.csmflow.servicerequest.ServiceRequestProcess.STAFFING_ROADMAP;
import static com.csmflow.servicerequest.ServiceRequestProcess.TEAM_ACTIONS_DONE;
import static com.csmflow.servicerequest.ServiceRequestProcess.TEAM_ASSESSMENT_CYCLE;
import static com.csmflow.servicerequest.ServiceRequestProcess.TEAM_MEMBER_SLOTS;
import static com.csmflow.servicerequest.ServiceRequestProcess.TEAM_ORGANISATION;
import static com.csmflow.servicerequest.ServiceRequestProcess.TRAINING_STATUS;
import static com.csmflow.servicerequest.ServiceRequestProcess.UTILISATION_RULES;
import static com.csmflow.servicerequest.ServiceRequestProcess.WORKING_METHODOLOGY;

import com.csmflow.api.InvalidInputException;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.engine.ProcessVariable;
import com.csmflow.forms.ActionSlots;
import com.csmflow.forms.FormOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * {@code camunda:taskListener delegateExpression="${recordServiceWork}" event="complete"} on the user tasks
 * of the service's life: checks what the form sent and writes it to the service's registers (work records,
 * team members and profiles, the resource inventory) in the completing transaction, so a refused input
 * (400 naming the field) leaves the task open and nothing written. One record per task and kind.
 */
@Component("recordServiceWork")
class ServiceWorkListener implements TaskListener {

    private static final int TEXT_MAX = 8000;

    private final ServiceRegister register;
    private final Clock clock;
    private final EngineIdentity engineIdentity;
    private final FormOptions options;
    private final ServiceActions actions;
    private final TrainingRecords trainings;

    ServiceWorkListener(
            ServiceRegister register,
            Clock clock,
            EngineIdentity engineIdentity,
            FormOptions options,
            ServiceActions actions,
            TrainingRecords trainings) {
        this.register = register;
        this.clock = clock;
        this.engineIdentity = engineIdentity;
        this.options = options;
        this.actions = actions;
        this.trainings = trainings;
    }

    @Override
    public void notify(DelegateTask task) {
        if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
            created(task);
            return;
        }
        DelegateExecution execution = task.getExecution();
        Work work = new Work(task, execution, clock.instant());
        switch (task.getTaskDefinitionKey()) {
            case ServiceRequestProcess.TASK_TEAM_ORGANISATION -> {
                work.record(WorkKind.TEAM_ORGANISATION, null, required(execution, TEAM_ORGANISATION), null, null);
                teamMembers(work);
            }
            case ServiceRequestProcess.TASK_STAFFING_ROADMAP -> {
                work.record(WorkKind.STAFFING_ROADMAP, null, required(execution, STAFFING_ROADMAP), null, null);
                work.record(WorkKind.RECRUITMENT_PLAN, null, required(execution, RECRUITMENT_PLAN), null, null);
            }
            case ServiceRequestProcess.TASK_KNOWLEDGE_PLAN -> {
                work.record(WorkKind.SKILL_GAP_REPORT, null, required(execution, SKILL_GAP_REPORT), null, null);
                work.record(WorkKind.KNOWLEDGE_PLAN, null, required(execution, KNOWLEDGE_PLAN), null, null);
            }
            case ServiceRequestProcess.TASK_GOVERNANCE_MODEL ->
                work.record(WorkKind.GOVERNANCE_MODEL, null, required(execution, GOVERNANCE_MODEL), null, null);
            case ServiceRequestProcess.TASK_FOLLOW_UP_STAFFING ->
                work.record(WorkKind.STAFFING_FOLLOW_UP, null, required(execution, STAFFING_FOLLOW_UP), null, null);
            case ServiceRequestProcess.TASK_GOVERNANCE_ACTIONS -> governanceActions(work);
            case ServiceRequestProcess.TASK_WORKING_METHODOLOGY ->
                work.record(WorkKind.WORKING_METHODOLOGY, null, required(execution, WORKING_METHODOLOGY), null, null);
            case ServiceRequestProcess.TASK_QUALITY_CRITERIA ->
                work.record(WorkKind.QUALITY_CRITERIA, null, required(execution, QUALITY_CRITERIA), null, null);
            case ServiceRequestProcess.TASK_TEAM_ASSESSMENT -> {
                List<ActionSlots.Action> planned =
                        ACTION_SLOTS.read(execution, work.planRules(true, TEAM_ASSESSMENT_CYCLE));
                work.record(
                        WorkKind.TEAM_ASSESSMENT,
                        null,
                        required(execution, ASSESSMENT),
                        optional(execution, LESSONS_LEARNED),
                        ActionSlots.summary(planned));
                actions.record(execution, work.service(), ActionPlan.TEAM, null, planned, task.getId(), work.now());
                ACTION_SLOTS.clear(execution);
                TEAM_ACTIONS_DONE.set(execution, false);
            }
            case ServiceRequestProcess.TASK_FOLLOW_UP_TEAM_ACTIONS -> {
                boolean done = flag(execution, TEAM_ACTIONS_DONE);
                String report = required(execution, ACTION_REPORT);
                work.record(WorkKind.TEAM_ACTION_REPORT, null, report, null, null);
                actions.followUpOpen(
                        execution, work.service(), ActionPlan.TEAM, null, report, done, work.by(), work.now());
            }
            case ServiceRequestProcess.TASK_INDIVIDUAL_ASSESSMENT -> individualAssessment(work);
            case ServiceRequestProcess.TASK_FOLLOW_UP_INDIVIDUAL_ACTIONS -> {
                boolean done = flag(execution, INDIVIDUAL_ACTIONS_DONE);
                String member = ASSESSED_MEMBER.text(execution);
                String report = required(execution, INDIVIDUAL_ACTION_REPORT);
                work.record(WorkKind.INDIVIDUAL_ACTION_REPORT, member, report, null, null);
                actions.followUpOpen(
                        execution, work.service(), ActionPlan.INDIVIDUAL, member, report, done, work.by(), work.now());
                execution.removeVariable(INDIVIDUAL_ACTION_REPORT.name());
            }
            case ServiceRequestProcess.TASK_UTILISATION_RULES ->
                work.record(WorkKind.UTILISATION_RULES, null, required(execution, UTILISATION_RULES), null, null);
            case ServiceRequestProcess.TASK_CREATE_INVENTORY -> inventory(work);
            case ServiceRequestProcess.TASK_REVIEW_INVENTORY ->
                work.record(WorkKind.INVENTORY_REVIEW, null, required(execution, INVENTORY_REVIEW), null, null);
            case ServiceRequestProcess.TASK_APPROVE_RESOURCE_REQUEST -> {
                boolean approved = flag(execution, RESOURCE_APPROVED);
                work.record(
                        WorkKind.RESOURCE_DECISION,
                        null,
                        (approved ? "Approved" : "Rejected") + ": " + RESOURCE_TYPE.text(execution) + " for "
                                + REQUESTED_FOR.text(execution) + " (" + PURPOSE.text(execution) + ")",
                        null,
                        optional(execution, APPROVAL_COMMENT));
            }
            case ServiceRequestProcess.TASK_APPROVE_RESOURCE_ADDITION -> {
                boolean approved = flag(execution, ADDITION_APPROVED);
                work.record(
                        WorkKind.RESOURCE_DECISION,
                        null,
                        (approved ? "Addition approved" : "Addition rejected") + ": " + RESOURCE_TYPE.text(execution)
                                + " asked by " + REQUESTED_BY.text(execution) + " (" + PURPOSE.text(execution) + ")",
                        null,
                        optional(execution, APPROVAL_COMMENT));
            }
            case ServiceRequestProcess.TASK_UPDATE_INVENTORY -> {
                String type = required(execution, RESOURCE_TYPE);
                String identifier = required(execution, RESOURCE_IDENTIFIER);
                addResource(work, type, identifier, optional(execution, RESOURCE_OWNER), RESOURCE_IDENTIFIER.name());
            }
            case ServiceRequestProcess.TASK_RETIRE_RESOURCE -> retire(work);
            default -> {
                // allocation and release are recorded by their service tasks (serviceRequestStep)
            }
        }
    }

    /** The individual assessment is personal data: recorded, then taken out of the process variables. */
    private void individualAssessment(Work work) {
        DelegateExecution execution = work.execution();
        String member = required(execution, ASSESSED_MEMBER);
        if (register.team(work.service()).stream().noneMatch(m -> m.getUserId().equals(member) && m.isActive())) {
            throw new InvalidInputException(ASSESSED_MEMBER.name(), "'" + member + "' is not in the service's team");
        }
        List<ActionSlots.Action> planned =
                INDIVIDUAL_ACTION_SLOTS.read(execution, work.planRules(true, INDIVIDUAL_ASSESSMENT_CYCLE));
        work.record(
                WorkKind.INDIVIDUAL_ASSESSMENT,
                member,
                required(execution, INDIVIDUAL_ASSESSMENT),
                optional(execution, INDIVIDUAL_LESSONS_LEARNED),
                ActionSlots.summary(planned));
        actions.record(execution, work.service(), ActionPlan.INDIVIDUAL, member, planned, work.taskId(), work.now());
        INDIVIDUAL_ACTIONS_DONE.set(execution, false);
        for (ProcessVariable<String> personal : List.of(INDIVIDUAL_ASSESSMENT, INDIVIDUAL_LESSONS_LEARNED)) {
            execution.removeVariable(personal.name());
        }
        INDIVIDUAL_ACTION_SLOTS.clear(execution);
    }

    /**
     * Governance round (003 §2.2.2 step 6): first the open actions of earlier rounds are followed up (a
     * report is required while there are any; ticking them done closes them), then the new plan's actions
     * are written to the action register.
     */
    private void governanceActions(Work work) {
        DelegateExecution execution = work.execution();
        List<ServiceAction> open = actions.open(work.service(), ActionPlan.GOVERNANCE, null);
        if (!open.isEmpty()) {
            String report = required(execution, GOVERNANCE_FOLLOW_UP);
            boolean done = Boolean.TRUE.equals(execution.getVariable(GOVERNANCE_ACTIONS_DONE.name()));
            actions.followUpOpen(
                    execution, work.service(), ActionPlan.GOVERNANCE, null, report, done, work.by(), work.now());
        }
        List<ActionSlots.Action> planned = ACTION_SLOTS.read(execution, work.planRules(false, GOVERNANCE_CYCLE));
        work.record(
                WorkKind.GOVERNANCE_ACTIONS,
                null,
                required(execution, GOVERNANCE_ACTIONS),
                null,
                planned.isEmpty() ? null : ActionSlots.summary(planned));
        actions.record(execution, work.service(), ActionPlan.GOVERNANCE, null, planned, work.taskId(), work.now());
        // this round's answers must not be read as the next round's
        for (ProcessVariable<?> answer : List.of(GOVERNANCE_FOLLOW_UP, GOVERNANCE_ACTIONS_DONE)) {
            execution.removeVariable(answer.name());
        }
        ACTION_SLOTS.clear(execution);
    }

    /**
     * What a task shows when it is created, as task-local variables (they end with the task): the open
     * actions it follows up, and for the staffing follow-up the team's training records.
     */
    private void created(DelegateTask task) {
        DelegateExecution execution = task.getExecution();
        String service = SERVICE_REFERENCE.text(execution);
        if (service == null) {
            return;
        }
        switch (task.getTaskDefinitionKey()) {
            case ServiceRequestProcess.TASK_FOLLOW_UP_TEAM_ACTIONS ->
                task.setVariableLocal(OPEN_ACTIONS.name(), actions.openSummary(service, ActionPlan.TEAM, null));
            case ServiceRequestProcess.TASK_FOLLOW_UP_INDIVIDUAL_ACTIONS ->
                task.setVariableLocal(
                        OPEN_ACTIONS.name(),
                        actions.openSummary(service, ActionPlan.INDIVIDUAL, ASSESSED_MEMBER.text(execution)));
            case ServiceRequestProcess.TASK_GOVERNANCE_ACTIONS ->
                task.setVariableLocal(OPEN_ACTIONS.name(), actions.openSummary(service, ActionPlan.GOVERNANCE, null));
            case ServiceRequestProcess.TASK_FOLLOW_UP_STAFFING -> {
                LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
                LocalDate horizon = plus(today, STAFFING_FOLLOW_UP_CYCLE.text(execution));
                task.setVariableLocal(TRAINING_STATUS.name(), trainings.teamSummary(service, today, horizon));
            }
            default -> {
                // nothing to show beyond the process variables
            }
        }
    }

    /** The day a cycle (ISO period such as P1M or P2W, or a duration such as PT12H) after the given one. */
    static LocalDate plus(LocalDate day, String cycle) {
        if (cycle != null) {
            try {
                return day.plus(Period.parse(cycle));
            } catch (DateTimeParseException notAPeriod) {
                try {
                    return day.plusDays(Math.max(1, Duration.parse(cycle).toDays()));
                } catch (DateTimeParseException notADuration) {
                    // fall through to a month
                }
            }
        }
        return day.plusMonths(1);
    }

    /**
     * The team organisation's member slots: slot n is {@code teamMember<n>} (picked from the staff) with its
     * role and share required, skills (comma-separated) and short profile optional; empty slots are skipped,
     * at least one member is required. Every slot is checked before anything is written.
     */
    private void teamMembers(Work work) {
        DelegateExecution execution = work.execution();
        record Member(String userId, String role, int percent, List<String> skills, String profile) {}
        List<Member> members = new java.util.ArrayList<>();
        for (int slot = 1; slot <= TEAM_MEMBER_SLOTS; slot++) {
            ProcessVariable<String> picked = ServiceRequestProcess.teamMember(slot);
            String userId = optional(execution, picked);
            ProcessVariable<String> roleField = ServiceRequestProcess.teamMember(slot, "Role");
            String shareField = ServiceRequestProcess.teamMember(slot, "Share").name();
            if (userId == null || userId.isBlank()) {
                if (optional(execution, roleField) != null) {
                    throw new InvalidInputException(picked.name(), "pick the member of this role");
                }
                continue;
            }
            if (!options.isStaff(userId)) {
                throw new InvalidInputException(picked.name(), "'" + userId + "' is not a staff member");
            }
            if (members.stream().anyMatch(member -> member.userId().equals(userId))) {
                throw new InvalidInputException(picked.name(), "'" + userId + "' is picked twice");
            }
            String role = optional(execution, roleField);
            if (role == null || role.isBlank()) {
                throw new InvalidInputException(roleField.name(), "is required for a member");
            }
            Object share = execution.getVariable(shareField);
            int percent;
            try {
                percent = share instanceof Number number
                        ? number.intValue()
                        : Integer.parseInt(String.valueOf(share).strip());
            } catch (NumberFormatException notANumber) {
                throw new InvalidInputException(shareField, "is the share of their time in percent, 1-100");
            }
            if (percent < 1 || percent > 100) {
                throw new InvalidInputException(shareField, "must be 1-100");
            }
            String skills = optional(execution, ServiceRequestProcess.teamMember(slot, "Skills"));
            members.add(new Member(
                    userId,
                    limit(role, 200),
                    percent,
                    skills == null
                            ? List.of()
                            : Arrays.stream(skills.split(","))
                                    .map(String::trim)
                                    .filter(skill -> !skill.isEmpty())
                                    .toList(),
                    optional(execution, ServiceRequestProcess.teamMember(slot, "Profile"))));
        }
        if (members.isEmpty()) {
            throw new InvalidInputException(
                    ServiceRequestProcess.teamMember(1).name(), "is required: pick at least one member");
        }
        for (Member member : members) {
            register.putTeamMember(
                    execution, work.service(), member.userId(), member.role(), member.percent(), work.now());
            if (!member.skills().isEmpty()) {
                register.putProfile(
                        member.userId(),
                        member.skills(),
                        member.profile() == null ? null : limit(member.profile(), 4000),
                        work.now());
            }
        }
    }

    /** Lines "type; identifier; owner" (owner optional), each a resource of the service. */
    private void inventory(Work work) {
        String text = required(work.execution(), INVENTORY);
        work.record(WorkKind.INVENTORY, null, text, null, null);
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = Arrays.stream(line.split(";")).map(String::trim).toArray(String[]::new);
            if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new InvalidInputException(INVENTORY.name(), "each line is 'type; identifier[; owner]': " + line);
            }
            addResource(work, parts[0], parts[1], parts.length > 2 ? parts[2] : null, INVENTORY.name());
        }
    }

    private void addResource(Work work, String type, String identifier, String owner, String field) {
        if (type.length() > 64 || identifier.length() > 200 || (owner != null && owner.length() > 64)) {
            throw new InvalidInputException(field, "type at most 64, identifier 200, owner 64 characters");
        }
        boolean known = register.searchResources(null, null, type, new com.csmflow.api.PageParameters(0, 200)).stream()
                .anyMatch(resource -> resource.getIdentifier().equals(identifier));
        if (known) {
            throw new InvalidInputException(field, type + " '" + identifier + "' is in the inventory already");
        }
        register.addResource(work.execution(), type, identifier, owner, work.service(), work.now());
    }

    private void retire(Work work) {
        DelegateExecution execution = work.execution();
        String reference = required(execution, RESOURCE_REFERENCE);
        ServiceResource resource = register.findResource(reference)
                .orElseThrow(() -> new InvalidInputException(
                        RESOURCE_REFERENCE.name(), "no resource '" + reference + "' in the inventory"));
        if (resource.getStatus() == ResourceStatus.RETIRED) {
            return;
        }
        for (ResourceAllocation allocation : register.openAllocations(work.service())) {
            if (allocation.getResourceReference().equals(reference)) {
                register.release(execution, allocation, work.now());
            }
        }
        register.resourceStatus(execution, resource, ResourceStatus.RETIRED, work.now());
    }

    /** What the task's completion writes, by whom and when. */
    private final class Work {
        private final DelegateTask task;
        private final DelegateExecution execution;
        private final Instant now;

        Work(DelegateTask task, DelegateExecution execution, Instant now) {
            this.task = task;
            this.execution = execution;
            this.now = now;
        }

        DelegateExecution execution() {
            return execution;
        }

        Instant now() {
            return now;
        }

        String taskId() {
            return task.getId();
        }

        /** Who completes the task: the default owner of the actions it plans. */
        String by() {
            return task.getAssignee() != null ? task.getAssignee() : engineIdentity.currentUserIdOr(null);
        }

        /**
         * What a plan's action slots accept here: owners from the staff, the person completing the task when
         * left empty, due one cycle from today when no date is picked.
         */
        ActionSlots.Rules planRules(boolean atLeastOne, ProcessVariable<String> cycle) {
            return new ActionSlots.Rules(atLeastOne, options::isStaff, "not a staff member", by(), dueIn(cycle));
        }

        /** One cycle of the given kind from today: the default due date of the actions planned now. */
        LocalDate dueIn(ProcessVariable<String> cycle) {
            return plus(LocalDate.ofInstant(now, ZoneOffset.UTC), cycle.text(execution));
        }

        String service() {
            String service = SERVICE_REFERENCE.text(execution);
            if (service == null) {
                throw new IllegalStateException("No serviceReference in " + execution.getProcessInstanceId());
            }
            return service;
        }

        void record(WorkKind kind, String subject, String content, String lessons, String actionPlan) {
            String by = by();
            register.recordWork(
                    execution,
                    new WorkRecord(
                            service(),
                            kind,
                            subject,
                            content,
                            lessons,
                            actionPlan,
                            by,
                            now,
                            task.getId(),
                            execution.getProcessInstanceId()),
                    task.getId());
        }
    }

    private static String required(DelegateExecution execution, ProcessVariable<String> variable) {
        String value = optional(execution, variable);
        if (value == null) {
            throw new InvalidInputException(variable.name(), "is required");
        }
        return value;
    }

    private static String optional(DelegateExecution execution, ProcessVariable<String> variable) {
        String value = variable.text(execution);
        if (value != null && value.length() > TEXT_MAX) {
            throw new InvalidInputException(variable.name(), "at most " + TEXT_MAX + " characters");
        }
        return value;
    }

    private static boolean flag(DelegateExecution execution, ProcessVariable<Boolean> variable) {
        Object value = execution.getVariable(variable.name());
        if (!(value instanceof Boolean answer)) {
            throw new InvalidInputException(variable.name(), "answer yes or no");
        }
        return answer;
    }

    private static String limit(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }
}
