# Build the hub and run it on a JRE. Routes, rules and templates are mounted from ./routes at run time
# (docker-compose.yml), so integrators change workflows without rebuilding the image.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 casewire
WORKDIR /app
COPY --from=build /src/target/casewire-hub.jar /tmp/casewire-hub.jar
COPY routes /app/routes
# ParallelGC with half the heap young: the settings docs/performance.md measured (short young pauses, no
# concurrent collector competing for a small instance's cores). Serial GC with -Xms32m -Xmx256m idles lower (about
# 330 MB RSS) but was measured slower under load: docs/performance.md, "Start-up and memory".
ENV HUB_ROUTES_DIR=/app/routes \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+UseParallelGC -XX:NewRatio=1"
# A lean start (issue #19): the jar extracted (Spring Boot's jarmode tools) and a class-data-sharing archive written by
# a training run that starts the application context in the sandbox profile and exits once it is refreshed. The
# archive must come from the same JVM, JVM options and class path as the real start, so both happen in this image.
# scripts/startup-benchmark.sh measures the effect: about 9 s to ready instead of 17-23 s on a 2-core machine.
RUN java -Djarmode=tools -jar /tmp/casewire-hub.jar extract --destination /app/hub && rm /tmp/casewire-hub.jar \
    && cd /app/hub && java -XX:ArchiveClassesAtExit=casewire-hub.jsa -Dspring.context.exit=onRefresh \
       -jar casewire-hub.jar --spring.profiles.active=sandbox --hub.data-dir=/tmp/cds-training \
       --hub.routes-dir=/app/routes --server.port=0 \
    && rm -rf /tmp/cds-training
USER casewire
EXPOSE 8080
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/hub/casewire-hub.jsa", "-jar", "/app/hub/casewire-hub.jar"]
