package com.csmflow.escalation;

import com.csmflow.register.CaseRegister;
import com.csmflow.register.RegisterRecord;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The escalation register's rows for the case view. */
@Component
class EscalationCaseRegister implements CaseRegister {

    private final EscalationRepository escalations;

    EscalationCaseRegister(EscalationRepository escalations) {
        this.escalations = escalations;
    }

    @Override
    public String name() {
        return EscalationRegisterDelegate.REGISTER;
    }

    @Override
    public Optional<? extends RegisterRecord> find(String reference) {
        return escalations.findByReference(reference);
    }
}
