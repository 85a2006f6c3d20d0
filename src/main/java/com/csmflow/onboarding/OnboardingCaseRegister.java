package com.csmflow.onboarding;

import com.csmflow.register.CaseRegister;
import com.csmflow.register.RegisterRecord;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The onboarding register's rows for the case view. */
@Component
class OnboardingCaseRegister implements CaseRegister {

    private final ClientOnboardingRepository onboardings;

    OnboardingCaseRegister(ClientOnboardingRepository onboardings) {
        this.onboardings = onboardings;
    }

    @Override
    public String name() {
        return OnboardingStepDelegate.REGISTER;
    }

    @Override
    public Optional<? extends RegisterRecord> find(String reference) {
        return onboardings.findByReference(reference);
    }
}
