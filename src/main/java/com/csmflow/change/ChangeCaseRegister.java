package com.csmflow.change;

import com.csmflow.register.CaseRegister;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The change register's rows for the case view. */
@Configuration
class ChangeCaseRegister {

    @Bean
    CaseRegister changeRegisterForCases(ChangeRecordRepository changes) {
        return CaseRegister.of(ChangeRegister.REGISTER, changes::findByReference);
    }
}
