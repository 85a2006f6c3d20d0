package com.csmflow.register;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * Which process instance (and so which business key) wrote a register row. Every register entity
 * embeds it as the columns {@code process_instance_id} and {@code business_key}; rows written through
 * the REST API have neither (the embedded value then loads as {@code null}).
 */
@Embeddable
public class ProcessOrigin {

    @Column(name = "process_instance_id")
    private String processInstanceId;

    @Column(name = "business_key")
    private String businessKey;

    protected ProcessOrigin() {}

    public ProcessOrigin(String processInstanceId, String businessKey) {
        this.processInstanceId = processInstanceId;
        this.businessKey = businessKey;
    }

    public static ProcessOrigin of(DelegateExecution execution) {
        return new ProcessOrigin(execution.getProcessInstanceId(), execution.getProcessBusinessKey());
    }

    public String getProcessInstanceId() {
        return processInstanceId;
    }

    public String getBusinessKey() {
        return businessKey;
    }
}
