package com.csmflow.complaint;

import com.csmflow.register.CaseRegister;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The complaint register's rows for the case view. */
@Configuration
class ComplaintCaseRegister {

    @Bean
    CaseRegister complaintRegisterForCases(ComplaintRepository complaints) {
        return CaseRegister.of(Complaints.REGISTER, complaints::findByReference);
    }
}
