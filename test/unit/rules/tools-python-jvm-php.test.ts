// CM001/CM004/CM006 for poetry, maven, gradle, composer, bundler and ccache (research §5.2).
import { missingCacheId } from '../../../server/src/core/rules/dockerfile/missing-cache-id';
import { cacheTargetMismatch } from '../../../server/src/core/rules/dockerfile/cache-target-mismatch';
import { cachePermission } from '../../../server/src/core/rules/dockerfile/cache-permission';
import { runRuleTests } from '../../helpers/rule-tester';

const PY_APP = 'FROM python:3.12\nRUN useradd -m -u 1000 app\nUSER app\n';
const POETRY_AS_APP = `${PY_APP}RUN --mount=type=cache,target=/root/.cache/pypoetry,uid=1000 poetry install --no-root\n`;
/** Docker's Java guide (research §5.2), with an id. */
const JAVA_GUIDE =
  'FROM eclipse-temurin:21-jdk-jammy\nWORKDIR /build\nRUN --mount=type=bind,source=pom.xml,target=pom.xml --mount=type=cache,id=maven-repo,target=/root/.m2 ./mvnw dependency:go-offline -DskipTests\n';

runRuleTests(missingCacheId, {
  valid: [JAVA_GUIDE],
  invalid: [
    {
      name: 'poetry',
      code: 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pypoetry poetry install --no-root\n',
      errors: [
        {
          severity: 'hint',
          messageId: 'noId',
          data: { tool: 'poetry', target: '/root/.cache/pypoetry' },
          detail: /id=poetry-cache would name the cache/,
        },
      ],
      output:
        'FROM python:3.12\nRUN --mount=type=cache,id=poetry-cache,target=/root/.cache/pypoetry poetry install --no-root\n',
    },
    {
      name: 'maven (Docker Java guide)',
      code: JAVA_GUIDE.replace('id=maven-repo,', ''),
      errors: [{ messageId: 'noId', detail: /id=maven-repo would name the cache/ }],
      output: JAVA_GUIDE,
    },
    {
      name: 'gradle, bundler and ccache by path (on scratch HOME is /, so gradle uses /.gradle: CM004, not CM001, reports that mount)',
      code: 'FROM scratch\nRUN --mount=type=cache,target=/root/.gradle ./gradlew build\nRUN --mount=type=cache,target=/root/.gem bundle install\nRUN --mount=type=cache,target=/root/.ccache make\n',
      errors: [
        {
          messageId: 'noId',
          data: { tool: 'bundler', target: '/root/.gem' },
          detail: /id=bundler-cache would name the cache/,
        },
        {
          messageId: 'noId',
          data: { tool: 'ccache', target: '/root/.ccache' },
          detail: /id=ccache would name the ccache cache/,
        },
      ],
      output:
        'FROM scratch\nRUN --mount=type=cache,target=/root/.gradle ./gradlew build\nRUN --mount=type=cache,id=bundler-cache,target=/root/.gem bundle install\nRUN --mount=type=cache,id=ccache,target=/root/.ccache make\n',
    },
    {
      name: 'cacheIds setting for poetry',
      code: 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pypoetry poetry install\n',
      settings: { cacheIds: { poetry: 'pypoetry' } },
      errors: [{ messageId: 'noId', detail: / id=pypoetry would name/ }],
      output: 'FROM python:3.12\nRUN --mount=type=cache,id=pypoetry,target=/root/.cache/pypoetry poetry install\n',
    },
  ],
});

runRuleTests(cacheTargetMismatch, {
  valid: [
    JAVA_GUIDE,
    `${PY_APP}RUN --mount=type=cache,target=/home/app/.cache/pypoetry,uid=1000 poetry install --no-root\n`,
    // poetry config cache-dir earlier in the RUN: the dir is not known.
    `${PY_APP}RUN --mount=type=cache,target=/root/.cache/pypoetry,uid=1000 poetry config cache-dir /x && poetry install\n`,
    // UNVERIFIED (§5.2): MAVEN_CONFIG's effect on the local repository.
    'FROM eclipse-temurin:21\nUSER root\nENV MAVEN_CONFIG=/root/.m2\nRUN --mount=type=cache,target=/root/.m2 mvn -B package\n',
    // UNVERIFIED (§5.2): the gradle image's GRADLE_USER_HOME and user.
    'FROM gradle:8-jdk21\nUSER root\nRUN --mount=type=cache,target=/home/gradle/.gradle gradle build\n',
    // The composer image sets COMPOSER_HOME=/tmp (Docker docs mount /tmp/cache); /etc/xdg decides otherwise.
    'FROM composer:2\nUSER root\nRUN --mount=type=cache,target=/root/.cache/composer composer install\n',
    // UNVERIFIED (§5.2): where bundler keeps downloaded gems.
    'FROM ruby:3.3\nUSER root\nRUN --mount=type=cache,target=/root/.gem bundle install\n',
    // ccache uses ~/.ccache only when it exists, which a Dockerfile does not show.
    'FROM gcc:14\nUSER root\nRUN --mount=type=cache,target=/root/.ccache ccache gcc -c a.c\n',
  ],
  invalid: [
    {
      name: 'poetry as a non-root user with a /root mount',
      code: POETRY_AS_APP,
      errors: [
        {
          text: 'target=/root/.cache/pypoetry',
          messageId: 'mismatch',
          data: { tool: 'poetry', line: 4, cacheDir: '/home/app/.cache/pypoetry', target: '/root/.cache/pypoetry' },
          detail:
            /\(\$HOME\/\.cache\/pypoetry \(POETRY_CACHE_DIR not set in this Dockerfile\); HOME is '\/home\/app': passwd entry from useradd \(app, line 2\)\)/,
        },
      ],
      output: POETRY_AS_APP.replace('target=/root/.cache/pypoetry', 'target=/home/app/.cache/pypoetry'),
    },
    {
      name: 'maven -Dmaven.repo.local moves the repository',
      code: 'FROM eclipse-temurin:21\nUSER root\nRUN --mount=type=cache,target=/root/.m2 ./mvnw -B -Dmaven.repo.local=/m2 package\n',
      errors: [
        {
          messageId: 'mismatch',
          data: { tool: 'mvn', line: 3, cacheDir: '/m2', target: '/root/.m2' },
          detail: /\(-Dmaven\.repo\.local\)/,
        },
      ],
      output:
        'FROM eclipse-temurin:21\nUSER root\nRUN --mount=type=cache,target=/m2 ./mvnw -B -Dmaven.repo.local=/m2 package\n',
    },
    {
      name: 'gradle with GRADLE_USER_HOME set in the file',
      code: 'FROM eclipse-temurin:21\nENV GRADLE_USER_HOME=/gradle\nRUN --mount=type=cache,target=/root/.gradle ./gradlew build\n',
      errors: [
        {
          messageId: 'mismatch',
          data: { tool: 'gradle', line: 3, cacheDir: '/gradle/caches', target: '/root/.gradle' },
        },
      ],
      output:
        'FROM eclipse-temurin:21\nENV GRADLE_USER_HOME=/gradle\nRUN --mount=type=cache,target=/gradle/caches ./gradlew build\n',
    },
    {
      name: 'composer with COMPOSER_HOME set in the file',
      code: 'FROM php:8.3-cli\nENV COMPOSER_HOME=/composer\nRUN --mount=type=cache,target=/root/.cache/composer composer install\n',
      errors: [
        {
          messageId: 'mismatch',
          data: { tool: 'composer', line: 3, cacheDir: '/composer/cache', target: '/root/.cache/composer' },
          detail: /\(\$COMPOSER_HOME\/cache/,
        },
      ],
      output:
        'FROM php:8.3-cli\nENV COMPOSER_HOME=/composer\nRUN --mount=type=cache,target=/composer/cache composer install\n',
    },
  ],
});

runRuleTests(cachePermission, {
  valid: [`${PY_APP}RUN --mount=type=cache,target=/home/app/.cache/pypoetry,uid=1000 poetry install\n`],
  invalid: [
    {
      name: 'poetry as a non-root user: the user cannot write',
      code: `${PY_APP}RUN --mount=type=cache,target=/home/app/.cache/pypoetry poetry install --no-root\n`,
      errors: [
        {
          severity: 'warning',
          messageId: 'notWritable',
          data: { target: '/home/app/.cache/pypoetry', user: 'app' },
          detail:
            /^Cache mount '\/home\/app\/\.cache\/pypoetry' is created root:root 0755, but this RUN runs as user 'app' \(uid 1000, USER line 3\): the user cannot write into it\./,
        },
      ],
      output: `${PY_APP}RUN --mount=type=cache,uid=1000,target=/home/app/.cache/pypoetry poetry install --no-root\n`,
    },
  ],
});
