# CSM Flow: build the executable jar with Maven, run it on a JRE 17.
# docker compose builds this image; on its own: docker build -t csm-flow .

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# dependencies first, so that a code change does not download them again
COPY pom.xml .
RUN mvn -q -B dependency:go-offline
COPY src src
COPY bpmn bpmn
COPY forms forms
RUN mvn -q -B package -DskipTests

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 csmflow
WORKDIR /app
COPY --from=build /build/target/csm-flow-*.jar /app/csm-flow.jar
USER csmflow
EXPOSE 8080
# the postgres profile: no demo users; CSMFLOW_ADMIN_PASSWORD and SPRING_DATASOURCE_* must be given
ENV SPRING_PROFILES_ACTIVE=postgres
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/csm-flow.jar"]
