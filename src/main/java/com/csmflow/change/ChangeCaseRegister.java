package com.csmflow.change;

import com.csmflow.register.CaseRegister;
import com.csmflow.register.RegisterRecord;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The change register's rows for the case view. */
@Component
class ChangeCaseRegister implements CaseRegister {

    private final ChangeRecordRepository changes;

    ChangeCaseRegister(ChangeRecordRepository changes) {
        this.changes = changes;
    }

    @Override
    public String name() {
        return ChangeRegister.REGISTER;
    }

    @Override
    public Optional<? extends RegisterRecord> find(String reference) {
        return changes.findByReference(reference);
    }
}
