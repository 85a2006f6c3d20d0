package com.csmflow.engine;

import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * A delegate that reads its {@code camunda:inputParameter}s only through
 * {@link DelegateInputs#read(org.camunda.bpm.engine.delegate.DelegateExecution, java.util.Set)}, never as
 * variables. That lets {@link DelegateInputsPlugin} run its service tasks without the variable scope the
 * engine would create for the inputs.
 */
public interface InputReadingDelegate extends JavaDelegate {}
