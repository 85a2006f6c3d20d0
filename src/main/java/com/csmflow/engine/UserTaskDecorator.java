package com.csmflow.engine;

import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * Decorates every user task of every workflow when it is created (name, priority, due date, who gets
 * it), and sees it completed (e.g. the time spent it carries), without a listener in each model:
 * {@link UserTaskDecoratorsPlugin} calls every Spring bean of this type, after the model's own listeners.
 */
public interface UserTaskDecorator {

    default void onCreate(DelegateTask task) {}

    /** The task is being completed, in the completing transaction: its variables are set, the form's too. */
    default void onComplete(DelegateTask task) {}
}
