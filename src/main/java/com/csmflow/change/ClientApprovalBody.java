package com.csmflow.change;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The answer of the client's representatives in the customer advisory board. */
@Schema(name = "ChangeClientApproval")
record ClientApprovalBody(
        @NotNull Boolean approved,
        @NotBlank @Size(max = 200) String representative,
        @Size(max = 4000) String comment) {}
