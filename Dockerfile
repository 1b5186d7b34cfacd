# Builds and runs ShipDelay; docker-compose.yml wires it to PostgreSQL and MinIO.
FROM eclipse-temurin:17.0.15_6-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
COPY bpmn bpmn
COPY forms forms
RUN ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:17.0.15_6-jre
# curl for the container healthcheck (docker-compose.yml)
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 shipdelay
COPY --from=build /src/target/shipdelay-*.jar /app/shipdelay.jar
USER shipdelay
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/shipdelay.jar"]
