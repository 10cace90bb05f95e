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
COPY --from=build /src/target/casewire-hub.jar /app/casewire-hub.jar
COPY routes /app/routes
# ParallelGC with half the heap young: the settings docs/performance.md measured (short young pauses, no
# concurrent collector competing for a small instance's cores)
ENV HUB_ROUTES_DIR=/app/routes \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+UseParallelGC -XX:NewRatio=1"
USER casewire
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/casewire-hub.jar"]
