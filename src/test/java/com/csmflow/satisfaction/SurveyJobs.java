package com.csmflow.satisfaction;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/** Starting a survey as the platform does and firing its due jobs (and its mail deliveries) by hand. */
final class SurveyJobs {

    private final ProcessEngine engine;
    private final SatisfactionSurveys surveys;

    SurveyJobs(ProcessEngine engine, SatisfactionSurveys surveys) {
        this.engine = engine;
        this.surveys = surveys;
    }

    /** Asks the client, runs the survey's first jobs (record, mail) and returns its instance. */
    ProcessInstance ask(String clientReference, String sourceType, String sourceReference) {
        surveys.requestSurvey(clientReference, sourceType, sourceReference);
        ProcessInstance instance = instanceFor(sourceReference);
        runDueJobs(instance.getId());
        return engine.getRuntimeService()
                .createProcessInstanceQuery()
                .processInstanceId(instance.getId())
                .singleResult();
    }

    ProcessInstance instanceFor(String sourceReference) {
        List<ProcessInstance> found = engine.getRuntimeService()
                .createProcessInstanceQuery()
                .processDefinitionKey(SatisfactionSurveyProcess.KEY)
                .variableValueEquals(SatisfactionSurveyProcess.SURVEY_SOURCE_REFERENCE.name(), sourceReference)
                .list();
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " survey instances about " + sourceReference);
        }
        return found.get(0);
    }

    String token(String processInstanceId) {
        return (String) engine.getRuntimeService()
                .getVariable(processInstanceId, SatisfactionSurveyProcess.SURVEY_TOKEN.name());
    }

    Map<String, Object> variables(String processInstanceId) {
        return engine.getRuntimeService().getVariables(processInstanceId);
    }

    /** Every due job of the instance and of the instances with its business key, until none is left. */
    void runDueJobs(String processInstanceId) {
        for (int round = 0; round < 30; round++) {
            java.util.Set<String> instances = new java.util.LinkedHashSet<>();
            instances.add(processInstanceId);
            var historic = engine.getHistoryService()
                    .createHistoricProcessInstanceQuery()
                    .processInstanceId(processInstanceId)
                    .singleResult();
            if (historic != null && historic.getBusinessKey() != null) {
                engine.getRuntimeService()
                        .createProcessInstanceQuery()
                        .processInstanceBusinessKey(historic.getBusinessKey())
                        .list()
                        .forEach(other -> instances.add(other.getId()));
            }
            Date now = ClockUtil.getCurrentTime();
            List<Job> due = new ArrayList<>();
            for (String id : instances) {
                engine.getManagementService().createJobQuery().processInstanceId(id).list().stream()
                        .filter(job -> job.getRetries() > 0
                                && (job.getDuedate() == null
                                        || !job.getDuedate().after(now)))
                        .forEach(due::add);
            }
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
        }
        throw new AssertionError("Jobs of " + processInstanceId + " keep coming");
    }
}
