package com.csmflow.engine;

import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * Decorates every user task of every workflow when it is created (name, priority, due date, who gets
 * it), without a listener in each model: {@link UserTaskDecoratorsPlugin} calls every Spring bean of
 * this type, after the model's own create listeners.
 */
public interface UserTaskDecorator {

    void onCreate(DelegateTask task);
}
