package com.csmflow.review;

import com.csmflow.register.CaseRegister;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service review register's rows for the case view. */
@Configuration
class ReviewCaseRegister {

    @Bean
    CaseRegister serviceReviewRegisterForCases(ServiceReviewRepository reviews) {
        return CaseRegister.of(ServiceReviewProcess.REGISTER, reviews::findByReference);
    }
}
