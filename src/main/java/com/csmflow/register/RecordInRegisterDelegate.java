package com.csmflow.register;

import com.csmflow.engine.DelegateInputs;
import com.csmflow.engine.TemplateBackedDelegate;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Record in register" (element template {@code record-in-register.json}): writes one row of the
 * generic register plus its audit entry, in the engine's transaction.
 * <p>
 * Inputs ({@code camunda:inputParameter}):
 * <ul>
 *   <li>{@code register}: register name in kebab case, e.g. {@code billing-record} (required)</li>
 *   <li>{@code reference}: the row's reference; empty means the process business key</li>
 *   <li>{@code data}: the fields, as a {@code camunda:map} or a JSON object text (may contain expressions)</li>
 *   <li>{@code action}: CREATE, UPDATE, CLOSE, ...; empty means CREATE for a new reference, UPDATE otherwise</li>
 * </ul>
 * Written once per step and instance ({@link RegisterEntries#recordOnce}).
 */
@Component("registerRecord")
class RecordInRegisterDelegate implements TemplateBackedDelegate {

    static final String REGISTER = "register";
    static final String REFERENCE = "reference";
    static final String DATA = "data";
    static final String ACTION = "action";
    private static final Set<String> INPUTS = Set.of(REGISTER, REFERENCE, DATA, ACTION);

    private static final Logger log = LoggerFactory.getLogger(RecordInRegisterDelegate.class);
    private static final Pattern REGISTER_NAME = Pattern.compile("[a-z][a-z0-9-]{1,63}");
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

    private final RegisterEntries registerEntries;
    private final ObjectMapper objectMapper;

    RecordInRegisterDelegate(RegisterEntries registerEntries, ObjectMapper objectMapper) {
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
        String register = inputs.requiredText(REGISTER);
        if (!REGISTER_NAME.matcher(register).matches()) {
            throw new IllegalArgumentException("Register name must be kebab case (e.g. billing-record): " + register);
        }
        String reference = inputs.text(REFERENCE) != null ? inputs.text(REFERENCE) : execution.getProcessBusinessKey();
        if (reference == null || reference.length() > 64) {
            throw new IllegalArgumentException("Register '" + register
                    + "' needs a reference of at most 64 characters (none given and no business key)");
        }
        Map<String, Object> data = data(inputs.get(DATA));
        String action = inputs.text(ACTION) == null ? null : inputs.text(ACTION).toUpperCase();
        if (!registerEntries.recordOnce(execution, register, reference, action, data)) {
            log.info(
                    "Register '{}' already has '{}' from step {} of instance {}: not written twice",
                    register,
                    reference,
                    execution.getCurrentActivityId(),
                    execution.getProcessInstanceId());
        }
    }

    /** A camunda:map, a JSON object text, a Spin JSON node or nothing, as an ordered map. */
    private Map<String, Object> data(Object value) {
        if (value == null) {
            return new LinkedHashMap<>();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((key, item) -> result.put(String.valueOf(key), item));
            return result;
        }
        try {
            // String, or org.camunda.spin.json.SpinJsonNode whose toString() is its JSON
            return objectMapper.readValue(value.toString(), MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "Input 'data' must be a map or a JSON object: " + e.getOriginalMessage());
        }
    }
}
