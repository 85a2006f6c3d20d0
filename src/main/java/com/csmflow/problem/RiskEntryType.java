package com.csmflow.problem;

/** What an issues and risk register entry is: a problem now (ISSUE) or a possible one (RISK). */
public enum RiskEntryType {
    ISSUE,
    RISK
}
