package com.csmflow.change;

import com.csmflow.sla.SlaClock;
import java.time.Instant;
import java.util.List;

/** A change as the API shows it; the detail view adds votes, the current step(s) and the SLA clocks. */
record ChangeView(
        String reference,
        String clientReference,
        String title,
        String description,
        String requestedType,
        boolean nonStandard,
        String impactedServices,
        List<String> configurationItems,
        String urgency,
        String impact,
        boolean billable,
        String requesterEmail,
        String raisedBy,
        String changeClass,
        String riskLevel,
        String priority,
        boolean majorChange,
        boolean cabRequired,
        String approvalRule,
        Integer approvalPercentage,
        String vetoGroup,
        Instant cabMeetingAt,
        String cabAgenda,
        String cabDecision,
        String decisionReason,
        String status,
        Instant windowStart,
        Instant windowEnd,
        Instant noticeAt,
        Instant noticeSentAt,
        String shortNoticeReason,
        String shortNoticeConfirmedBy,
        String implementationResult,
        String implementationNotes,
        Instant createdAt,
        Instant updatedAt,
        Instant closedAt,
        String processInstanceId,
        List<VoteView> votes,
        List<StepView> currentSteps,
        List<ClockView> clocks) {

    static ChangeView of(ChangeRecord c, List<VoteView> votes, List<StepView> steps, List<ClockView> clocks) {
        return new ChangeView(
                c.getReference(),
                c.getClientReference(),
                c.getTitle(),
                c.getDescription(),
                c.getRequestedType(),
                c.isNonStandard(),
                c.getImpactedServices(),
                c.getConfigurationItems(),
                c.getUrgency(),
                c.getImpact(),
                c.isBillable(),
                c.getRequesterEmail(),
                c.getRaisedBy(),
                c.getChangeClass(),
                c.getRiskLevel(),
                c.getPriority(),
                c.isMajorChange(),
                c.isCabRequired(),
                c.getApprovalRule(),
                c.getApprovalPercentage(),
                c.getVetoGroup(),
                c.getCabMeetingAt(),
                c.getCabAgenda(),
                c.getCabDecision(),
                c.getDecisionReason(),
                c.getStatus(),
                c.getWindowStart(),
                c.getWindowEnd(),
                c.getNoticeAt(),
                c.getNoticeSentAt(),
                c.getShortNoticeReason(),
                c.getShortNoticeConfirmedBy(),
                c.getImplementationResult(),
                c.getImplementationNotes(),
                c.getCreatedAt(),
                c.getUpdatedAt(),
                c.getClosedAt(),
                c.getOrigin() == null ? null : c.getOrigin().getProcessInstanceId(),
                votes,
                steps,
                clocks);
    }

    record VoteView(String board, String voter, String vote, boolean veto, String comment, Instant votedAt) {
        static VoteView of(CabVote v) {
            return new VoteView(v.getBoard(), v.getVoter(), v.getVote(), v.isVeto(), v.getComment(), v.getVotedAt());
        }
    }

    record StepView(String activityId, String name, String type) {}

    record ClockView(
            String clockName,
            String metric,
            String priority,
            String state,
            boolean breached,
            String targetDuration,
            String calendar,
            Instant startedAt,
            Instant warningAt,
            Instant dueAt,
            Instant stoppedAt) {
        static ClockView of(SlaClock c) {
            return new ClockView(
                    c.getClockName(),
                    c.getMetric(),
                    c.getPriority().name(),
                    c.getState().name(),
                    c.isBreached(),
                    c.getTargetDuration(),
                    c.getCalendar().name(),
                    c.getStartedAt(),
                    c.getWarningAt(),
                    c.getDueAt(),
                    c.getStoppedAt());
        }
    }
}
