package com.csmflow.engine;

import java.util.Set;

/**
 * A generic delegate that process owners pick in the Modeler through an element template in
 * {@code bpmn/.camunda/element-templates/}. The template and the delegate must agree on the inputs:
 * {@code ElementTemplateContractTest} loads every template and checks, for each one, that
 * <ol>
 *   <li>the bean named in its {@code camunda:delegateExpression} ({@code ${beanName}}) exists and
 *       implements this interface;</li>
 *   <li>{@link #inputNames()} equals the set of {@code camunda:inputParameter} names the template
 *       declares (no more, no fewer);</li>
 *   <li>when the delegate runs once in a generated one-task process with those inputs, the names it
 *       reads with {@code execution.getVariableLocal(..)} / {@code getVariableLocalTyped(..)} /
 *       {@code hasVariableLocal(..)} are exactly {@link #inputNames()}.</li>
 * </ol>
 * Rules for implementers, so that check 3 is meaningful:
 * <ul>
 *   <li>Read every input with one of the {@code *Local} methods, and read all of them before
 *       validating any of them (an exception thrown half-way would hide the unread ones). The
 *       simplest way is {@link DelegateInputs#read(org.camunda.bpm.engine.delegate.DelegateExecution, Set)}
 *       at the top of {@code execute}.</li>
 *   <li>Never read a name that is not an input with a {@code *Local} method; process variables are
 *       read with {@code getVariable(..)}.</li>
 *   <li>The check runs the delegate with placeholder values (the template's own {@code value} when it
 *       is a literal, else {@code "x"}), so it will usually fail after reading; that is fine, the
 *       failure is swallowed. It must not need anything else to reach its reads.</li>
 * </ul>
 */
public interface TemplateBackedDelegate extends InputReadingDelegate {

    /** The {@code camunda:inputParameter} names this delegate reads; equal to its template's inputs. */
    Set<String> inputNames();
}
