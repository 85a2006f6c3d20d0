package com.csmflow.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.fileupload.FileItemIterator;
import org.apache.commons.fileupload.FileUpload;
import org.apache.commons.fileupload.UploadContext;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Variables that callers send to the engine REST API and the webapps' engine API, checked before the
 * engine sees them (docs/security.md, round 7, holes 1 and 4):
 * <ul>
 * <li>an Object variable must name one of the platform's own types ({@link ObjectVariableTypes}): any
 * other class would be built by Jackson whenever the variable is read;</li>
 * <li>a variable must not be named like a Spring bean: the engine resolves a name in an expression as a
 * variable before it looks for a bean, so a variable {@code notify} would replace the delegate that
 * {@code ${notify}} calls and stall the instance.</li>
 * </ul>
 * Every write path is covered without a list of them: variables travel either in the path
 * ({@code .../variables/{name}}, {@code .../localVariables/{name}}, with {@code /data} for uploads) or in
 * a body field that maps names to values ({@code variables}, {@code modifications},
 * {@code processVariables}, ...), and typed values are recognised wherever they are in a body. Like
 * {@link OrQueryExpressionGuard} it parses with Jackson and fails closed. Answers in the engine REST's
 * error format, naming the variable.
 */
class VariableGuard extends OncePerRequestFilter {

    /** Body fields whose object maps variable names to values (start, complete, message, modification ...). */
    private static final Set<String> VARIABLE_MAPS = Set.of(
            "variables",
            "localVariables",
            "modifications",
            "processVariables",
            "processVariablesLocal",
            "processVariablesToTriggeredScope");

    private static final Pattern VARIABLE_IN_PATH =
            Pattern.compile(".*/(?:variables|localVariables)/([^/]+)(/data)?/?");
    private static final String JSON_FORMAT = "application/json";

    private final ObjectMapper objectMapper;
    private final BeanFactory beans;

    VariableGuard(ObjectMapper objectMapper, BeanFactory beans) {
        this.objectMapper = objectMapper;
        this.beans = beans;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        Matcher inPath = VARIABLE_IN_PATH.matcher(decodedPath(request));
        String pathName = inPath.matches() ? inPath.group(1) : null;
        if (pathName != null && shadowsBean(pathName)) {
            reject(response, pathName, beanMessage(pathName));
            return;
        }
        String contentType = request.getContentType();
        boolean multipart =
                contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/");
        boolean json =
                contentType == null || contentType.toLowerCase(Locale.ROOT).contains("json");
        if (request.getContentLength() == 0 || !(json || multipart && pathName != null)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        Refusal refusal = multipart ? javaObjectUpload(body, contentType, pathName) : inspectJson(body, pathName);
        if (refusal != null) {
            reject(response, refusal.variable(), refusal.message());
            return;
        }
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    private record Refusal(String variable, String message) {}

    private Refusal inspectJson(byte[] body, String pathName) {
        JsonNode root;
        try {
            root = objectMapper.readTree(body);
        } catch (IOException unreadable) {
            // fail closed, as OrQueryExpressionGuard does (which refuses the same body first)
            return new Refusal(pathName, "The body is not valid JSON");
        }
        return root == null ? null : inspect(root, pathName);
    }

    /** Walks a body; {@code name} is the field the node is the value of (a variable name in a map). */
    private Refusal inspect(JsonNode node, String name) {
        if (node.isArray()) {
            for (JsonNode element : node) {
                Refusal refusal = inspect(element, name);
                if (refusal != null) {
                    return refusal;
                }
            }
            return null;
        }
        if (!node.isObject()) {
            return null;
        }
        String objectRefusal = objectValueRefusal(node);
        if (objectRefusal != null) {
            return new Refusal(name, "Variable '" + name + "': " + objectRefusal);
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (VARIABLE_MAPS.contains(field.getKey()) && field.getValue().isObject()) {
                Iterator<String> variables = field.getValue().fieldNames();
                while (variables.hasNext()) {
                    String variable = variables.next();
                    if (shadowsBean(variable)) {
                        return new Refusal(variable, beanMessage(variable));
                    }
                }
            }
            Refusal refusal = inspect(field.getValue(), field.getKey());
            if (refusal != null) {
                return refusal;
            }
        }
        return null;
    }

    /** A typed value {@code {"type":"Object", "valueInfo":{...}}} of a type the platform does not define. */
    private static String objectValueRefusal(JsonNode node) {
        JsonNode type = node.get("type");
        if (type == null
                || !type.isTextual()
                || !"object".equalsIgnoreCase(type.asText().strip())) {
            return null;
        }
        JsonNode info = node.path("valueInfo");
        JsonNode typeName = info.path("objectTypeName");
        String objectTypeName = typeName.isTextual() ? typeName.asText() : null;
        if (!ObjectVariableTypes.permits(objectTypeName)) {
            return "Object variables of type '" + objectTypeName + "' are not accepted: only lists and maps of"
                    + " JSON values ("
                    + String.join(
                            ", ", ObjectVariableTypes.ALLOWED.stream().sorted().toList())
                    + ")";
        }
        JsonNode format = info.path("serializationDataFormat");
        if (!format.isMissingNode() && !format.isNull() && !JSON_FORMAT.equals(format.asText())) {
            return "Object variables must be serialized as " + JSON_FORMAT;
        }
        return null;
    }

    /**
     * An upload to {@code .../variables/{name}/data} with a form part {@code type} makes the engine REST
     * build that Java class from the data part at once, before anything is stored. Nothing of the platform
     * uploads objects this way. Parsed with commons-fileupload, the parser the engine REST itself uses.
     */
    private static Refusal javaObjectUpload(byte[] body, String contentType, String variable) {
        try {
            FileItemIterator parts = new FileUpload().getItemIterator(new BodyContext(body, contentType));
            while (parts.hasNext()) {
                if ("type".equalsIgnoreCase(parts.next().getFieldName().strip())) {
                    return new Refusal(
                            variable, "Variable '" + variable + "': Java objects (form part 'type') are not accepted");
                }
            }
            return null;
        } catch (Exception unreadable) {
            return new Refusal(variable, "The multipart body cannot be read");
        }
    }

    /** The same test the engine's expression resolver makes before it returns a bean. */
    private boolean shadowsBean(String variable) {
        return beans.containsBean(variable);
    }

    private static String beanMessage(String variable) {
        return "Variable '" + variable + "': the name belongs to a component of the platform that process"
                + " models call (${" + variable + "}); choose another name";
    }

    /** The path after the context path, decoded as the engine REST decodes it. */
    private static String decodedPath(HttpServletRequest request) {
        String info = request.getPathInfo();
        return request.getServletPath() + (info == null ? "" : info);
    }

    private void reject(HttpServletResponse response, String variable, String message) throws IOException {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", "InvalidRequestException");
        error.put("message", message);
        if (variable != null) {
            error.put("variable", variable);
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), error);
    }

    private record BodyContext(byte[] body, String contentType) implements UploadContext {
        @Override
        public String getCharacterEncoding() {
            return null;
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        @Deprecated
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long contentLength() {
            return body.length;
        }

        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(body);
        }
    }
}
