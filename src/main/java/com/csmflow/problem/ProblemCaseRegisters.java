package com.csmflow.problem;

import com.csmflow.register.CaseRegister;
import com.csmflow.register.RegisterRecord;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The problem and SIP action registers' rows for the case view. */
@Configuration
class ProblemCaseRegisters {

    @Bean
    CaseRegister problemCaseRegister(ProblemRepository problems) {
        return register(ProblemService.REGISTER, reference -> problems.findByReference(reference));
    }

    @Bean
    CaseRegister sipActionCaseRegister(SipActionRepository actions) {
        return register(SipActions.REGISTER, reference -> actions.findByReference(reference));
    }

    private static CaseRegister register(
            String name, java.util.function.Function<String, Optional<? extends RegisterRecord>> lookup) {
        return new CaseRegister() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<? extends RegisterRecord> find(String reference) {
                return lookup.apply(reference);
            }
        };
    }
}
