package com.csmflow.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * HTTP Basic credentials are checked against the engine's identity service, so the users and groups
 * managed in Camunda Admin are the only accounts. The user's groups become Spring authorities.
 */
class IdentityServiceAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identityService;

    IdentityServiceAuthenticationProvider(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String userId = authentication.getName();
        Object credentials = authentication.getCredentials();
        String password = credentials == null ? "" : credentials.toString();
        if (userId == null || userId.isBlank() || !identityService.checkPassword(userId, password)) {
            throw new BadCredentialsException("Invalid user or password");
        }
        List<GrantedAuthority> authorities = identityService.createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId)
                .<GrantedAuthority>map(SimpleGrantedAuthority::new)
                .toList();
        return UsernamePasswordAuthenticationToken.authenticated(userId, null, authorities);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
