package com.csmflow.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * JSON text with a NUL character ({@code "\u0000"}) is refused while the body is read: PostgreSQL
 * cannot store it, and the failing insert used to surface as a misleading 409 "conflict" after part
 * of the request had run (found by HostileInputTest). Now it is a 400 naming the field.
 */
@Configuration
class NulFreeTextConfiguration {

    /** Boot installs every Module bean into the application's ObjectMapper (not the engine REST API's). */
    @Bean
    SimpleModule nulFreeText() {
        SimpleModule module = new SimpleModule("nul-free-text");
        module.addDeserializer(String.class, new NulFreeStringDeserializer());
        return module;
    }

    static final class NulFreeStringDeserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = super.deserialize(parser, context);
            if (text != null && text.indexOf('\0') >= 0) {
                throw InvalidFormatException.from(parser, "NUL characters are not allowed in text", text, String.class);
            }
            return text;
        }
    }
}
