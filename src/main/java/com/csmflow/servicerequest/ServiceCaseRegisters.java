package com.csmflow.servicerequest;

import com.csmflow.register.CaseRegister;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service request and service registers' rows for the case view (an SRQ-... or SVC-... instance). */
@Configuration
class ServiceCaseRegisters {

    @Bean
    CaseRegister serviceRequestCaseRegister(ServiceRequestRepository requests) {
        return CaseRegister.of(ServiceRegister.REQUEST_REGISTER, requests::findByReference);
    }

    @Bean
    CaseRegister serviceCaseRegister(ManagedServiceRepository services) {
        return CaseRegister.of(ServiceRegister.SERVICE_REGISTER, services::findByReference);
    }
}
