package com.csmflow.messaging;

import com.csmflow.audit.RegisterAudit;
import com.csmflow.engine.CaseVariables;
import com.csmflow.engine.DelegateInputs;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.engine.TemplateBackedDelegate;
import com.csmflow.register.RegisterEntries;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Publish workflow message" (element template {@code publish-message.json}): hands a case to another
 * workflow through a BPMN message start event, e.g. {@code problem-requested} or {@code sla-breached}.
 * <p>
 * Inputs: {@code messageName} (required) and {@code payload} (a {@code camunda:map} or JSON object of
 * the variables the receiver gets). The receiver also gets {@link CaseVariables#SOURCE_BUSINESS_KEY} and
 * {@link CaseVariables#SOURCE_PROCESS_INSTANCE_ID} of the sender.
 * <p>
 * The receiving instance starts in the sender's transaction, so both commit or neither does and a retried
 * job never starts it twice; receivers put {@code camunda:asyncAfter} on their message start event so
 * their own work runs in their own job. When no deployed workflow listens to the message yet, the
 * request is kept in the {@code undelivered-message} register instead of being lost.
 */
@Component("publishMessage")
class PublishMessageDelegate implements TemplateBackedDelegate {

    static final String MESSAGE_NAME = "messageName";
    static final String PAYLOAD = "payload";
    static final String UNDELIVERED_REGISTER = "undelivered-message";
    private static final Set<String> INPUTS = Set.of(MESSAGE_NAME, PAYLOAD);
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};
    private static final Logger log = LoggerFactory.getLogger(PublishMessageDelegate.class);

    private final RuntimeService runtimeService;
    private final RepositoryService repositoryService;
    private final RegisterEntries registerEntries;
    private final ObjectMapper objectMapper;
    private final EngineIdentity engineIdentity;

    PublishMessageDelegate(
            RuntimeService runtimeService,
            RepositoryService repositoryService,
            RegisterEntries registerEntries,
            ObjectMapper objectMapper,
            EngineIdentity engineIdentity) {
        this.engineIdentity = engineIdentity;
        this.runtimeService = runtimeService;
        this.repositoryService = repositoryService;
        this.registerEntries = registerEntries;
        this.objectMapper = objectMapper;
    }

    @Override
    public Set<String> inputNames() {
        return INPUTS;
    }

    @Override
    public void execute(DelegateExecution execution) throws Exception {
        DelegateInputs inputs = DelegateInputs.read(execution, INPUTS);
        String messageName = inputs.requiredText(MESSAGE_NAME);
        Map<String, Object> variables = payload(inputs.get(PAYLOAD));
        variables.put(CaseVariables.SOURCE_BUSINESS_KEY.name(), execution.getProcessBusinessKey());
        variables.put(CaseVariables.SOURCE_PROCESS_INSTANCE_ID.name(), execution.getProcessInstanceId());
        // Asked first rather than catching the engine's mismatch exception: that exception, thrown in a
        // nested engine command, marks the sender's whole (job's) transaction rollback-only. Asked without
        // authorization: whoever's action reached this step need not be able to read the receiving model.
        boolean someoneListens = engineIdentity.asPlatform(() -> repositoryService
                        .createProcessDefinitionQuery()
                        .messageEventSubscriptionName(messageName)
                        .latestVersion()
                        .count()
                > 0);
        if (!someoneListens) {
            keepUndelivered(execution, messageName, variables);
            return;
        }
        String started = runtimeService
                .createMessageCorrelation(messageName)
                .setVariables(variables)
                .correlateStartMessage()
                .getId();
        log.info("Message '{}' from {} started instance {}", messageName, execution.getProcessBusinessKey(), started);
    }

    private void keepUndelivered(DelegateExecution execution, String messageName, Map<String, Object> variables)
            throws JsonProcessingException {
        String reference = messageName + ":" + execution.getProcessBusinessKey();
        if (reference.length() > 64) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>(variables);
        data.put(MESSAGE_NAME, messageName);
        if (registerEntries.recordOnce(execution, UNDELIVERED_REGISTER, reference, RegisterAudit.CREATE, data)) {
            log.warn(
                    "No deployed workflow starts on message '{}': kept in the {} register as {}",
                    messageName,
                    UNDELIVERED_REGISTER,
                    reference);
        }
    }

    private Map<String, Object> payload(Object value) throws JsonProcessingException {
        if (value == null) {
            return new LinkedHashMap<>();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((key, item) -> result.put(String.valueOf(key), item));
            return result;
        }
        return objectMapper.readValue(value.toString(), MAP);
    }
}
