package com.csmflow.security;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * What a caller of the engine's own API ({@code /engine-rest}, Tasklist, Cockpit) may not choose
 * (docs/security.md, "Business keys"):
 * <ul>
 *   <li><b>Business keys.</b> The registers use the business key as their reference, and references are
 *       issued by the platform ({@code BusinessKeys}): a process instance started from outside with a
 *       business key is refused (403: a permission no caller has). The workflows issue their reference
 *       in their first step.</li>
 *   <li><b>Workflow messages.</b> A message that starts or steers a workflow is delivered from outside
 *       only for the roles in {@link #MESSAGE_SENDERS} (403 otherwise); today none: each comes from the
 *       platform itself, the client's side through the domain API after its checks.</li>
 * </ul>
 * Both are engine listeners, so every way in is covered (start, submit-form, message correlation, triggering
 * a subscription, with or without {@code skipCustomListeners}: they are built-in listeners). They act only in
 * the outermost command of a request to the engine's API ({@link ExternalEngineCalls}): a delegate that
 * publishes a message inside that command runs a nested command and is the platform.
 * <p>
 * Engine internals: built-in listeners (which {@code skipCustomListeners} cannot turn off) are added only by
 * a parse listener of an engine plugin; no public API refuses a start or a correlation by its caller.
 */
@Component
class PlatformInputsPlugin extends AbstractProcessEnginePlugin {

    /**
     * Message name → role groups that may deliver it through the engine's API. Empty: only the platform.
     * A message of a model that is not listed is refused as well (fail closed); PlatformInputsTest checks
     * that every message of bpmn/*.bpmn is listed.
     */
    static final Map<String, Set<String>> MESSAGE_SENDERS = Map.ofEntries(
            // published by the SLA clocks of other workflows (publishMessage)
            Map.entry("sla-breached", Set.of()),
            // the escalation workflow joins a second breach of the same case to the open escalation
            Map.entry("sla-breach-joined", Set.of()),
            // the client's side: POST /api/escalations/{reference}/client-response and /client-confirmation
            Map.entry("escalation-client-response", Set.of()),
            Map.entry("escalation-client-answer", Set.of()),
            // revoke an access right: POST /api/access-rights/{reference}/revocation, an access review, a change
            Map.entry("access-right-revocation", Set.of()),
            // published by change and escalation; staff open problems with POST /api/problems or the start form
            Map.entry("problem-requested", Set.of()),
            // POST /api/problems/{reference}/actions
            Map.entry("problem-action-added", Set.of()),
            // the sip-action workflow when the last action of a problem is settled
            Map.entry("problem-actions-settled", Set.of()),
            // the client's advisory board answers through POST /api/changes/{reference}/client-approval
            Map.entry("change-client-approval", Set.of()),
            // the sip-action workflow hands an accepted risk to the issues and risk register's review
            Map.entry("risk-review-requested", Set.of()),
            // POST /api/services/{reference}/end, /resource-requests, /resource-additions, /resource-retirements
            Map.entry("service-end-requested", Set.of()),
            Map.entry("service-resource-requested", Set.of()),
            Map.entry("service-resource-addition-requested", Set.of()),
            Map.entry("service-resource-retirement-requested", Set.of()),
            // the service-request workflow when a client's last service ends; staff: POST
            // /api/clients/{reference}/cadence/end
            Map.entry("client-service-ended", Set.of()),
            // any workflow raises a security event (publishMessage); staff use POST /api/security-events or the form
            Map.entry("security-event-raised", Set.of()),
            // the security-event workflow hands an event's lessons to the service's InfoSec loop
            Map.entry("infosec-security-event", Set.of()),
            // a closed escalation or change (ClosedCaseSurveys), a service review: the platform asks for a survey
            Map.entry("survey-requested", Set.of()),
            // the client's answer through POST /api/surveys/{token}
            Map.entry("survey-answered", Set.of()),
            // the client's side: POST /api/complaints/{reference}/client-agreement
            Map.entry("complaint-client-agreement", Set.of()));

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setCustomPreCommandInterceptorsTxRequired(
                withDepthCounter(configuration.getCustomPreCommandInterceptorsTxRequired()));
        configuration.setCustomPreCommandInterceptorsTxRequiresNew(
                withDepthCounter(configuration.getCustomPreCommandInterceptorsTxRequiresNew()));
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new Guards());
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    private static List<CommandInterceptor> withDepthCounter(List<CommandInterceptor> existing) {
        List<CommandInterceptor> interceptors = existing == null ? new ArrayList<>() : new ArrayList<>(existing);
        interceptors.add(0, new CommandDepth());
        return interceptors;
    }

    /** Counts the engine commands nested on this thread (a service called by a delegate is a nested command). */
    private static final class CommandDepth extends CommandInterceptor {
        @Override
        public <T> T execute(Command<T> command) {
            ExternalEngineCalls.commandStarted();
            try {
                return next.execute(command);
            } finally {
                ExternalEngineCalls.commandEnded();
            }
        }
    }

    private static final class Guards extends AbstractBpmnParseListener {

        @Override
        public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
            processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_START, NO_CALLER_BUSINESS_KEY);
        }

        /** Every element that waits for a message: the listener fires when the message arrives. */
        @Override
        public void parseRootElement(Element rootElement, List<ProcessDefinitionEntity> processDefinitions) {
            Map<String, String> messageNames = new HashMap<>();
            for (Element message : rootElement.elements("message")) {
                messageNames.put(message.attribute("id"), message.attribute("name"));
            }
            for (Element process : rootElement.elements("process")) {
                ProcessDefinitionEntity definition = processDefinitions.stream()
                        .filter(candidate -> candidate.getKey().equals(process.attribute("id")))
                        .findFirst()
                        .orElse(null);
                if (definition != null) {
                    guardMessageEvents(process, definition, messageNames);
                }
            }
        }

        private static void guardMessageEvents(
                Element scope, ProcessDefinitionEntity definition, Map<String, String> messageNames) {
            for (Element element : scope.elements()) {
                String tag = element.getTagName();
                Element eventDefinition = element.element("messageEventDefinition");
                String messageRef = eventDefinition != null
                        ? eventDefinition.attribute("messageRef")
                        : "receiveTask".equals(tag) ? element.attribute("messageRef") : null;
                ActivityImpl activity = messageRef == null ? null : definition.findActivity(element.attribute("id"));
                if (activity != null) {
                    String name = messageNames.getOrDefault(messageRef, messageRef);
                    // start and boundary events start when the message arrives; catch events and receive tasks end
                    boolean ends = "intermediateCatchEvent".equals(tag) || "receiveTask".equals(tag);
                    activity.addBuiltInListener(
                            ends ? ExecutionListener.EVENTNAME_END : ExecutionListener.EVENTNAME_START,
                            new MessageSenderCheck(name));
                }
                if ("subProcess".equals(tag)) {
                    guardMessageEvents(element, definition, messageNames);
                }
            }
        }
    }

    private static final ExecutionListener NO_CALLER_BUSINESS_KEY = execution -> {
        String businessKey = execution.getProcessBusinessKey();
        boolean root = execution instanceof ExecutionEntity entity && entity.getSuperExecution() == null;
        if (root && businessKey != null && !businessKey.isEmpty() && ExternalEngineCalls.outermostExternal()) {
            // a permission nobody outside the platform has: 403 on every resource that starts instances
            throw new AuthorizationException("businessKey: business keys are issued by the platform;"
                    + " start without one (the workflow gives the case its reference)");
        }
    };

    private record MessageSenderCheck(String messageName) implements ExecutionListener {
        @Override
        public void notify(DelegateExecution execution) {
            if (!ExternalEngineCalls.outermostExternal()
                    || execution instanceof ExecutionEntity entity && entity.isCanceled()) {
                return; // the platform's own correlation, or the wait ends because the instance is cancelled
            }
            Authentication caller = Context.getCommandContext().getAuthentication();
            Set<String> senders = MESSAGE_SENDERS.getOrDefault(messageName, Set.of());
            boolean entitled = caller != null
                    && caller.getGroupIds() != null
                    && caller.getGroupIds().stream().anyMatch(senders::contains);
            if (!entitled) {
                throw new AuthorizationException(
                        "Message '" + messageName
                                + "' is sent by the platform only (the domain API for the client's side), not through the engine API");
            }
        }
    }
}
