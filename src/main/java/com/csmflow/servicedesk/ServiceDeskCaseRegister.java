package com.csmflow.servicedesk;

import com.csmflow.register.CaseRegister;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service desk register's rows for the case view. */
@Configuration
class ServiceDeskCaseRegister {

    @Bean
    CaseRegister serviceDeskRegisterForCases(ServiceDeskRequestRepository requests) {
        return CaseRegister.of(ServiceDeskRequests.REGISTER, requests::findByReference);
    }
}
