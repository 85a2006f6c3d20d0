package com.csmflow.security;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses the start before any bean is created: without an admin password nothing touches the
 * database, migrates a schema or opens a port. Bean factory post-processors run that early.
 * {@link AdminAccount} checks the same again where the password is used.
 */
@Component
class AdminPasswordCheck implements BeanFactoryPostProcessor, EnvironmentAware {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        AdminAccount.requirePassword(environment.getProperty("csmflow.admin.password"));
    }
}
