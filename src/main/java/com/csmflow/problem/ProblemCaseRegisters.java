package com.csmflow.problem;

import com.csmflow.register.CaseRegister;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The problem, SIP action and issues-and-risks registers' rows for the case view. */
@Configuration
class ProblemCaseRegisters {

    @Bean
    CaseRegister problemCaseRegister(ProblemRepository problems) {
        return CaseRegister.of(ProblemService.REGISTER, problems::findByReference);
    }

    @Bean
    CaseRegister sipActionCaseRegister(SipActionRepository actions) {
        return CaseRegister.of(SipActions.REGISTER, actions::findByReference);
    }

    @Bean
    CaseRegister issueRiskCaseRegister(RiskRepository risks) {
        return CaseRegister.of(IssueRisks.REGISTER, risks::findByReference);
    }
}
