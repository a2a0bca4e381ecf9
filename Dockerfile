# deploylint's container image, pushed to GHCR by .github/workflows/release.yml:
#
#   docker run --rm -v "$PWD:/src" -w /src ghcr.io/<owner>/deploylint .
#
# Two stages: the official Swift image builds a binary that carries the Swift
# runtime (--static-swift-stdlib); the runtime stage is Debian slim with only
# libarchive added, and runs it as an unprivileged user. Both stages are
# Debian 12, so the binary finds the glibc and libarchive it was linked with.

FROM swift:6.3-bookworm AS build
# Package versions are not pinned: libarchive parses untrusted image archives,
# so each build takes Debian 12's current security update of it.
# hadolint ignore=DL3008
RUN apt-get update \
  && apt-get install -y --no-install-recommends libarchive-dev pkg-config \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /build
# SwiftPM loads every target of the manifest, the test target included, so
# Tests/ comes along even though only the executable is built.
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --static-swift-stdlib --product deploylint \
  && install -D -m 0755 "$(swift build -c release --show-bin-path)/deploylint" /out/deploylint \
  && strip /out/deploylint

FROM debian:bookworm-slim
# hadolint ignore=DL3008
RUN apt-get update \
  && apt-get install -y --no-install-recommends libarchive13 \
  && rm -rf /var/lib/apt/lists/* \
  && groupadd --system --gid 10001 deploylint \
  && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin deploylint
COPY --from=build /out/deploylint /usr/local/bin/deploylint
# The unprivileged user, by number so the runtime resolves it without /etc/passwd.
USER 10001:10001
WORKDIR /src
ENTRYPOINT ["deploylint"]
