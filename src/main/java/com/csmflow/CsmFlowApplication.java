package com.csmflow;

import com.csmflow.performance.ProviderLookups;
import org.camunda.bpm.spring.boot.starter.annotation.EnableProcessApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** CSM Flow: client service management on an embedded Camunda 7 engine. */
@SpringBootApplication
@EnableScheduling // performance.RuntimeTableStatistics
@EnableProcessApplication("csm-flow")
public class CsmFlowApplication {

    static {
        // also when a test or the benchmark starts the application without main()
        ProviderLookups.pin();
    }

    public static void main(String[] args) {
        SpringApplication.run(CsmFlowApplication.class, args);
    }
}
