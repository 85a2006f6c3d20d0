package com.csmflow.onboarding;

import static com.csmflow.engine.CaseVariables.CLIENT_REFERENCE;
import static com.csmflow.onboarding.OnboardingProcess.DEVICE_COUNT;
import static com.csmflow.onboarding.OnboardingProcess.DEVICE_COUNT_ENTERED;
import static com.csmflow.onboarding.OnboardingProcess.DEVICE_COUNT_SOURCE;

import com.csmflow.cmdb.ConfigurationItems;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Execution listener (event {@code start}) on the hour tier's business rule task: when the client's CMDB
 * holds active devices (servers, network devices, firewalls, storage, endpoints), their number is the
 * {@code deviceCount} the table reads ({@code deviceCountSource} CMDB, the figure entered kept as
 * {@code deviceCountEntered}); otherwise the figure entered at the start stays ({@code deviceCountSource}
 * ENTERED).
 */
@Component("onboardingDeviceCount")
class CmdbDeviceCount implements ExecutionListener {

    static final String FROM_CMDB = "CMDB";
    static final String ENTERED = "ENTERED";

    private final ConfigurationItems configurationItems;

    CmdbDeviceCount(ConfigurationItems configurationItems) {
        this.configurationItems = configurationItems;
    }

    @Override
    public void notify(DelegateExecution execution) {
        long devices = configurationItems.activeDeviceCount(CLIENT_REFERENCE.get(execution));
        if (devices > 0) {
            if (DEVICE_COUNT_ENTERED.get(execution) == null) {
                DEVICE_COUNT_ENTERED.set(execution, DEVICE_COUNT.get(execution));
            }
            DEVICE_COUNT.set(execution, devices);
            DEVICE_COUNT_SOURCE.set(execution, FROM_CMDB);
        } else {
            DEVICE_COUNT_SOURCE.set(execution, ENTERED);
        }
    }
}
