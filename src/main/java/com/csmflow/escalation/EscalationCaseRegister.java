package com.csmflow.escalation;

import com.csmflow.register.CaseRegister;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The escalation register's rows for the case view. */
@Configuration
class EscalationCaseRegister {

    @Bean
    CaseRegister escalationRegisterForCases(EscalationRepository escalations) {
        return CaseRegister.of(EscalationRegisterDelegate.REGISTER, escalations::findByReference);
    }
}
