package com.csmflow;

import org.camunda.bpm.spring.boot.starter.annotation.EnableProcessApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** CSM Flow: client service management on an embedded Camunda 7 engine. */
@SpringBootApplication
@EnableProcessApplication("csm-flow")
public class CsmFlowApplication {

    public static void main(String[] args) {
        SpringApplication.run(CsmFlowApplication.class, args);
    }
}
