package com.csmflow.satisfaction;

import com.csmflow.register.CaseRegister;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The satisfaction register's rows for the case view. */
@Configuration
class SatisfactionCaseRegister {

    @Bean
    CaseRegister satisfactionRegisterForCases(SatisfactionSurveyRepository surveys) {
        return CaseRegister.of(SatisfactionSurveys.REGISTER, surveys::findByReference);
    }
}
