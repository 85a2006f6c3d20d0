package com.csmflow.security;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Switches on the engine's type check before Object variables are deserialized, with
 * {@link ObjectVariableTypes} as the allow-list, in every profile. Without it, reading an Object variable
 * (REST with the default {@code deserializeValues}, Cockpit, a delegate) lets Jackson build whatever class
 * the variable names. Also set in application.yaml; set here as well so that no profile can switch it off
 * (this plugin runs after the generic properties).
 * <p>
 * Engine internals: the validator and its switch exist only on the engine's internal configuration.
 */
@Component
class ObjectVariableTypeValidation extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setDeserializationTypeValidator(new ObjectVariableTypes());
        configuration.setDeserializationTypeValidationEnabled(true);
    }
}
