package com.csmflow.cadence;

import com.csmflow.register.CaseRegister;
import com.csmflow.register.RegisterRecord;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The cadence register's rows for the case view. */
@Component
class CadenceCaseRegister implements CaseRegister {

    private final ClientCadenceRepository cadences;

    CadenceCaseRegister(ClientCadenceRepository cadences) {
        this.cadences = cadences;
    }

    @Override
    public String name() {
        return CadenceStepDelegate.REGISTER;
    }

    @Override
    public Optional<? extends RegisterRecord> find(String reference) {
        return cadences.findByReference(reference);
    }
}
