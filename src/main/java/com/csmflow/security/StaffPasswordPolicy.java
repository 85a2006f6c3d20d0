package com.csmflow.security;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.identity.PasswordPolicy;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The engine's password policy in every profile (docs/security.md, "Password policy"): at least
 * {@code csmflow.identity.password-min-length} characters and not the user id. The one exception is
 * the demo profile's shipped users ({@link DemoUsers}, and the demo admin), whose password is their id.
 * The rules reuse the placeholders the Admin webapp translates, so it shows them while a password is typed.
 */
@Component
class StaffPasswordPolicy implements PasswordPolicy {

    private final int minLength;
    private final Set<String> shippedDemoUsers;
    private final List<PasswordPolicyRule> rules;

    StaffPasswordPolicy(
            @Value("${csmflow.identity.password-min-length:10}") int minLength,
            @Value("${csmflow.demo.users-enabled:false}") boolean demoUsers,
            AdminAccount admin) {
        this.minLength = minLength;
        this.shippedDemoUsers = !demoUsers
                ? Set.of()
                : Stream.of(
                                Arrays.stream(RoleGroup.values()).map(RoleGroup::id),
                                DemoUsers.COLLEAGUES.keySet().stream(),
                                Stream.of(admin.userId()))
                        .flatMap(ids -> ids)
                        .collect(Collectors.toUnmodifiableSet());
        this.rules = List.of(new MinimumLength(), new NotTheUserId());
    }

    @Override
    public List<PasswordPolicyRule> getRules() {
        return rules;
    }

    /** What a refused password is told, naming the field. */
    String violationMessage() {
        return "password: must have at least " + minLength + " characters and must not be the user id";
    }

    /** Demo profile only: a shipped user keeps its documented password, which is its id. */
    private boolean shippedDemoPassword(String password, User user) {
        return user != null
                && shippedDemoUsers.contains(user.getId())
                && user.getId().equals(password);
    }

    private final class MinimumLength implements PasswordPolicyRule {
        @Override
        public String getPlaceholder() {
            return "PASSWORD_POLICY_LENGTH";
        }

        @Override
        public Map<String, String> getParameters() {
            return Map.of("minLength", String.valueOf(minLength));
        }

        @Override
        public boolean execute(String password) {
            return password.length() >= minLength;
        }

        @Override
        public boolean execute(String password, User user) {
            return shippedDemoPassword(password, user) || execute(password);
        }
    }

    private final class NotTheUserId implements PasswordPolicyRule {
        @Override
        public String getPlaceholder() {
            return "PASSWORD_POLICY_USER_DATA";
        }

        @Override
        public Map<String, String> getParameters() {
            return null;
        }

        @Override
        public boolean execute(String password) {
            return true;
        }

        @Override
        public boolean execute(String password, User user) {
            return user == null
                    || user.getId() == null
                    || shippedDemoPassword(password, user)
                    || !password.equalsIgnoreCase(user.getId());
        }
    }
}
