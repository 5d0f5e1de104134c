import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { APP_HOME, cmd, matches, modelDir, NO_HOME, resolve, tool } from './helpers';

describe('maven', () => {
  test('mvn and ./mvnw match', () => {
    for (const t of ['mvn -B package', './mvnw dependency:go-offline -DskipTests', 'mvn -q -e verify'])
      assert.ok(matches('maven', t), t);
    assert.ok(!matches('maven', 'mvn'));
  });
  test('~/.m2/repository; -Dmaven.repo.local moves it', () => {
    assert.equal(resolve('maven', 'mvn -B package'), '/root/.m2/repository');
    assert.equal(resolve('maven', 'mvn -B package', {}, APP_HOME), '/home/app/.m2/repository');
    assert.equal(resolve('maven', 'mvn -B -Dmaven.repo.local=/m2 package'), '/m2');
  });
  test('settings files, MAVEN_OPTS with maven.repo.local, and MAVEN_CONFIG (UNVERIFIED) make it unknown', () => {
    assert.equal(resolve('maven', 'mvn -s /settings.xml package'), 'unknown');
    assert.equal(resolve('maven', 'mvn package', { MAVEN_OPTS: '-Dmaven.repo.local=/x' }), 'unknown');
    assert.equal(resolve('maven', 'mvn package', { MAVEN_OPTS: '-Xmx1g' }), '/root/.m2/repository');
    assert.equal(resolve('maven', 'mvn package', { MAVEN_CONFIG: '/root/.m2' }), 'unknown');
  });
  test('usual paths', () => {
    assert.ok(tool('maven').looksLikeCacheDir('/root/.m2'));
    assert.ok(tool('maven').looksLikeCacheDir('/root/.m2/repository'));
  });
});

describe('gradle', () => {
  test('gradle and ./gradlew match', () => {
    for (const t of ['./gradlew build', 'gradle build --no-daemon', './gradlew clean bootJar'])
      assert.ok(matches('gradle', t), t);
  });
  test('$GRADLE_USER_HOME/caches, default ~/.gradle/caches; -g makes it unknown', () => {
    assert.equal(resolve('gradle', './gradlew build'), '/root/.gradle/caches');
    assert.equal(resolve('gradle', './gradlew build', {}, APP_HOME), '/home/app/.gradle/caches');
    assert.equal(resolve('gradle', './gradlew build', { GRADLE_USER_HOME: '/gh' }), '/gh/caches');
    assert.equal(resolve('gradle', './gradlew -g /x build'), 'unknown');
    assert.equal(resolve('gradle', './gradlew build', { GRADLE_OPTS: '-Dgradle.user.home=/x' }), 'unknown');
  });
  test('the gradle image sets no GRADLE_USER_HOME (catalog): root caches in /root/.gradle, a link to /home/gradle/.gradle; an image the catalog does not know leaves it unknown', () => {
    assert.equal(
      modelDir('FROM gradle:8-jdk21\nUSER root\nRUN gradle build\n', 'gradle'),
      '/home/gradle/.gradle/caches',
      'through the image link /root/.gradle -> /home/gradle/.gradle',
    );
    assert.equal(modelDir('FROM myorg/gradle:8\nUSER root\nRUN gradle build\n', 'gradle'), 'unknown');
    // root with no /etc/passwd in the stage: HOME=/ (verified: no-passwd-file-user).
    assert.equal(modelDir('FROM scratch\nRUN ./gradlew build\n', 'gradle'), '/.gradle/caches');
  });
});

describe('composer', () => {
  test('composer install matches', () => {
    for (const t of ['composer install --no-dev', 'composer require foo/bar', 'composer.phar update'])
      assert.ok(matches('composer', t), t);
    assert.ok(!matches('composer', 'composer dump-autoload'));
  });
  test('COMPOSER_CACHE_DIR, $COMPOSER_HOME/cache, $XDG_CACHE_HOME/composer; otherwise unknown (/etc/xdg decides)', () => {
    assert.equal(resolve('composer', 'composer install', { COMPOSER_CACHE_DIR: '/cc', COMPOSER_HOME: '/h' }), '/cc');
    assert.equal(resolve('composer', 'composer install', { COMPOSER_HOME: '/tmp' }), '/tmp/cache');
    assert.equal(resolve('composer', 'composer install', { XDG_CACHE_HOME: '/x' }), '/x/composer');
    assert.equal(resolve('composer', 'composer install'), 'unknown');
  });
  test('model: COMPOSER_HOME from the composer image is unknown', () => {
    assert.equal(modelDir('FROM composer:2\nRUN composer install\n', 'composer'), 'unknown');
  });
});

describe('bundler', () => {
  test('bundle install matches; its cache dir is UNVERIFIED, so always unknown', () => {
    assert.ok(matches('bundler', 'bundle install'));
    assert.ok(matches('bundler', 'bundle install --jobs 4'));
    assert.ok(!matches('bundler', 'bundle exec rake'));
    assert.equal(resolve('bundler', 'bundle install'), 'unknown');
    assert.ok(tool('bundler').looksLikeCacheDir('/root/.gem'));
  });
});

describe('ccache', () => {
  test('CCACHE_DIR; without it unknown (~/.ccache is used only if it exists)', () => {
    assert.ok(matches('ccache', 'ccache gcc -c a.c'));
    assert.equal(resolve('ccache', 'ccache -s', { CCACHE_DIR: '/ccache' }), '/ccache');
    assert.equal(resolve('ccache', 'ccache -s'), 'unknown');
    assert.ok(tool('ccache').looksLikeCacheDir('/root/.ccache'));
    assert.ok(tool('ccache').looksLikeCacheDir('/root/.cache/ccache'));
  });
});

describe('poetry', () => {
  test('poetry install matches', () => {
    for (const t of ['poetry install --no-root', 'poetry install --only main', 'poetry lock', 'poetry -C /app install'])
      assert.ok(matches('poetry', t), t);
    for (const t of ['poetry run pytest', 'poetry --version', 'pip install poetry'])
      assert.ok(!matches('poetry', t), t);
  });
  test('POETRY_CACHE_DIR, $XDG_CACHE_HOME/pypoetry, ~/.cache/pypoetry', () => {
    assert.equal(resolve('poetry', 'poetry install'), '/root/.cache/pypoetry');
    assert.equal(resolve('poetry', 'poetry install', {}, APP_HOME), '/home/app/.cache/pypoetry');
    assert.equal(resolve('poetry', 'poetry install', {}, NO_HOME), 'unknown');
    assert.equal(resolve('poetry', 'poetry install', { XDG_CACHE_HOME: '/x' }), '/x/pypoetry');
    assert.equal(resolve('poetry', 'poetry install', { POETRY_CACHE_DIR: '/pc', XDG_CACHE_HOME: '/x' }), '/pc');
  });
  test('poetry config cache-dir earlier in the RUN makes later installs unknown', () => {
    assert.ok(tool('poetry').reconfiguredBy?.(cmd('poetry config cache-dir /x')));
    const uses = modelDir('FROM scratch\nRUN poetry config cache-dir /x && poetry install\n', 'poetry');
    assert.equal(uses, 'unknown');
  });
});
