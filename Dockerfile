# syntax=docker/dockerfile:1
#
# SMS Foundation: the runnable jar built with the Maven wrapper, run on a JRE as a non-root user.
#
#   docker build -t sms-foundation .
#   docker run -p 8080:8080 -e DATABASE_URL=... -e TWILIO_ACCOUNT_SID=... sms-foundation
#
# The image carries no embedded PostgreSQL (-Dembedded-postgres=none, about 15 MB less): it runs on
# DATABASE_URL (without one, local mode stops at start: "Missing embedded postgres binaries").
# docker-compose.yml runs it next to a PostgreSQL 16 container.

FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
# The wrapper and the POMs first, so that the dependency download is cached apart from the
# sources. go-offline only warms that cache: the package step resolves whatever it missed.
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY sms-domain/pom.xml sms-domain/
COPY sms-ports/pom.xml sms-ports/
COPY sms-adapter-postgres/pom.xml sms-adapter-postgres/
COPY sms-adapter-twilio/pom.xml sms-adapter-twilio/
COPY sms-adapter-monitor/pom.xml sms-adapter-monitor/
COPY sms-app-http/pom.xml sms-app-http/
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -Dembedded-postgres=none dependency:go-offline -DexcludeReactor=true || true
COPY . .
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests -Dembedded-postgres=none package

FROM eclipse-temurin:21-jre
RUN groupadd --system --gid 10001 sms \
    && useradd --system --uid 10001 --gid sms --home-dir /app --shell /usr/sbin/nologin sms \
    && mkdir -p /app /data \
    && chown sms:sms /data
WORKDIR /app
COPY --from=build /src/sms-app-http/target/sms-app-http.jar /app/sms-app-http.jar
ENV PORT=8080 \
    SMS_DATA_DIR=/data \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
VOLUME /data
USER 10001:10001
EXPOSE 8080
# "ready" means the database answers: the service can take webhooks
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["java", "-Xmx32m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", "/app/sms-app-http.jar", "healthcheck"]
ENTRYPOINT ["java", "-jar", "/app/sms-app-http.jar"]
