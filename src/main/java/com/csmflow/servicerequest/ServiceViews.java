package com.csmflow.servicerequest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the service register's API answers. */
final class ServiceViews {

    private ServiceViews() {}

    record RequestView(
            String reference,
            String clientReference,
            String serviceName,
            String criteria,
            String requiredSkills,
            LocalDate expectedStart,
            LocalDate termEnd,
            String priceModel,
            String risk,
            String documents,
            String requesterEmail,
            String status,
            Integer skillCoverage,
            Boolean managersAvailable,
            Integer freeResources,
            String statusSummary,
            String recommendation,
            String recommendationReason,
            String decision,
            String decisionReason,
            boolean overruled,
            String decidedBy,
            Instant decidedAt,
            String serviceReference,
            Instant createdAt) {

        static RequestView of(ServiceRequestRecord r) {
            return new RequestView(
                    r.getReference(),
                    r.getClientReference(),
                    r.getServiceName(),
                    r.getCriteria(),
                    r.getRequiredSkills(),
                    r.getExpectedStart(),
                    r.getTermEnd(),
                    r.getPriceModel(),
                    r.getRisk(),
                    r.getDocuments(),
                    r.getRequesterEmail(),
                    r.getStatus().name(),
                    r.getSkillCoverage(),
                    r.getManagersAvailable(),
                    r.getFreeResources(),
                    r.getStatusSummary(),
                    r.getRecommendation(),
                    r.getRecommendationReason(),
                    r.getDecision(),
                    r.getDecisionReason(),
                    r.isOverruled(),
                    r.getDecidedBy(),
                    r.getDecidedAt(),
                    r.getServiceReference(),
                    r.getCreatedAt());
        }
    }

    record TeamMemberView(String userId, String role, int allocationPercent, boolean active) {
        static TeamMemberView of(TeamMember m) {
            return new TeamMemberView(m.getUserId(), m.getTeamRole(), m.getAllocationPercent(), m.isActive());
        }
    }

    record AllocationView(
            String resourceReference, String memberUserId, String status, Instant allocatedAt, Instant releasedAt) {
        static AllocationView of(ResourceAllocation a) {
            return new AllocationView(
                    a.getResourceReference(),
                    a.getMemberUserId(),
                    a.getStatus(),
                    a.getAllocatedAt(),
                    a.getReleasedAt());
        }
    }

    record ServiceView(
            String reference,
            String clientReference,
            String requestReference,
            String serviceName,
            String serviceManager,
            String deliveryManager,
            String priceModel,
            String scope,
            String milestones,
            Integer hoursPerMonth,
            LocalDate startsOn,
            LocalDate termEnd,
            String staffingFollowUpCycle,
            String governanceCycle,
            String teamAssessmentCycle,
            String individualAssessmentCycle,
            String status,
            String endReason,
            Instant endedAt,
            List<TeamMemberView> team,
            List<AllocationView> allocations) {

        static ServiceView of(ManagedService s, List<TeamMemberView> team, List<AllocationView> allocations) {
            return new ServiceView(
                    s.getReference(),
                    s.getClientReference(),
                    s.getRequestReference(),
                    s.getServiceName(),
                    s.getServiceManager(),
                    s.getDeliveryManager(),
                    s.getPriceModel(),
                    s.getScope(),
                    s.getMilestones(),
                    s.getHoursPerMonth(),
                    s.getStartsOn(),
                    s.getTermEnd(),
                    s.getStaffingFollowUpCycle(),
                    s.getGovernanceCycle(),
                    s.getTeamAssessmentCycle(),
                    s.getIndividualAssessmentCycle(),
                    s.getStatus().name(),
                    s.getEndReason(),
                    s.getEndedAt(),
                    team,
                    allocations);
        }
    }

    record ResourceView(
            String reference,
            String resourceType,
            String identifier,
            String owner,
            String status,
            String serviceReference) {
        static ResourceView of(ServiceResource r) {
            return new ResourceView(
                    r.getReference(),
                    r.getResourceType(),
                    r.getIdentifier(),
                    r.getOwner(),
                    r.getStatus().name(),
                    r.getServiceReference());
        }
    }

    record WorkRecordView(
            Long id,
            String serviceReference,
            String kind,
            String subjectUserId,
            String content,
            String lessonsLearned,
            String actionPlan,
            String recordedBy,
            Instant recordedAt) {
        static WorkRecordView of(WorkRecord w) {
            return new WorkRecordView(
                    w.getId(),
                    w.getServiceReference(),
                    w.getKind().name(),
                    w.getSubjectUserId(),
                    w.getContent(),
                    w.getLessonsLearned(),
                    w.getActionPlan(),
                    w.getRecordedBy(),
                    w.getRecordedAt());
        }
    }

    record ProfileView(String userId, List<String> skills, String shortProfile, Instant updatedAt) {
        static ProfileView of(StaffProfile p) {
            return new ProfileView(p.getUserId(), p.getSkills(), p.getShortProfile(), p.getUpdatedAt());
        }
    }

    record TrainingRecordView(
            String reference,
            String userId,
            String course,
            String kind,
            LocalDate completedOn,
            LocalDate validUntil,
            String evidence,
            String serviceReference,
            String recordedBy,
            Instant createdAt) {
        static TrainingRecordView of(TrainingRecord t) {
            return new TrainingRecordView(
                    t.getReference(),
                    t.getUserId(),
                    t.getCourse(),
                    t.getKind().name(),
                    t.getCompletedOn(),
                    t.getValidUntil(),
                    t.getEvidence(),
                    t.getServiceReference(),
                    t.getRecordedBy(),
                    t.getCreatedAt());
        }
    }

    record ActionView(
            String reference,
            String serviceReference,
            String plan,
            String subjectUserId,
            String description,
            String owner,
            LocalDate dueOn,
            String status,
            String followUp,
            Instant doneAt,
            Instant createdAt) {
        static ActionView of(ServiceAction a) {
            return new ActionView(
                    a.getReference(),
                    a.getServiceReference(),
                    a.getPlan().name(),
                    a.getSubjectUserId(),
                    a.getDescription(),
                    a.getOwner(),
                    a.getDueOn(),
                    a.getStatus().name(),
                    a.getFollowUp(),
                    a.getDoneAt(),
                    a.getCreatedAt());
        }
    }
}
