package com.csmflow.hardening;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every domain API operation, read from Spring MVC's own handler mapping, so an endpoint added by a
 * later branch (changes, escalations, problems, ...) is fuzzed and access-checked without touching
 * the tests. Only {@code /api/**} handlers of our code count; springdoc's description is left out.
 */
final class ApiEndpoints {

    /** One HTTP method on one path pattern, with what the handler reads from the request. */
    record Endpoint(
            RequestMethod method,
            String pattern,
            HandlerMethod handler,
            List<String> pathVariables,
            Map<String, Class<?>> queryParameters,
            Type bodyType) {

        boolean hasBody() {
            return bodyType != null;
        }

        /** e.g. {@code POST /api/clients/{reference}/retire} */
        String label() {
            return method + " " + pattern;
        }

        /** The pattern with every {@code {variable}} replaced by the (already encoded) value. */
        String path(String encodedValue) {
            return pattern.replaceAll("\\{[^}/]+}", java.util.regex.Matcher.quoteReplacement(encodedValue));
        }
    }

    private ApiEndpoints() {}

    static List<Endpoint> discover(RequestMappingHandlerMapping mapping) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                mapping.getHandlerMethods().entrySet()) {
            HandlerMethod handler = entry.getValue();
            if (!handler.getBeanType().getPackageName().startsWith("com.csmflow")) {
                continue;
            }
            Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
            for (String pattern : entry.getKey().getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    endpoints.add(describe(method, pattern, handler));
                }
            }
        }
        endpoints.sort(Comparator.comparing(Endpoint::label));
        return endpoints;
    }

    private static Endpoint describe(RequestMethod method, String pattern, HandlerMethod handler) {
        List<String> pathVariables = new ArrayList<>();
        Map<String, Class<?>> query = new LinkedHashMap<>();
        Type body = null;
        for (MethodParameter parameter : handler.getMethodParameters()) {
            parameter.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
            PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            if (path != null) {
                pathVariables.add(name(path.name(), parameter));
            } else if (param != null) {
                query.put(name(param.name(), parameter), parameter.getParameterType());
            } else if (parameter.hasParameterAnnotation(RequestBody.class)) {
                body = parameter.getGenericParameterType();
            }
        }
        return new Endpoint(method, pattern, handler, pathVariables, query, body);
    }

    private static String name(String declared, MethodParameter parameter) {
        return declared.isEmpty() ? parameter.getParameterName() : declared;
    }
}
