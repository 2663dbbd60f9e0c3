# syntax=docker/dockerfile:1
#
# muxgate runs from its TypeScript sources through tsx (a runtime dependency),
# exactly as the tests run it: there is no separate compiled build to drift
# from what was tested. One image serves every role; Kubernetes picks it with
# `args` (gateway | service <name>), see deploy/ and docs/deploy.md.
#
#   docker build -t muxgate .
#   docker run --rm -e NATS_URL=nats://host.docker.internal:4222 -p 8080:8080 muxgate gateway

ARG NODE_IMAGE=node:24-bookworm-slim

# Production dependencies only: this node_modules goes into the final image.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# Full install for build steps (the demo page bundle, when the project has a
# `build` script). web/dist always exists afterwards so the COPY below holds.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build --if-present && mkdir -p web/dist

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Files stay owned by root and read-only to the process; the root filesystem
# can be mounted read-only. tsx keeps its transform cache in $TMPDIR (/tmp),
# which Kubernetes mounts as an emptyDir.
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/package.json /app/tsconfig.json ./
COPY --from=build /app/cli ./cli
COPY --from=build /app/gateway ./gateway
COPY --from=build /app/services ./services
COPY --from=build /app/bus ./bus
COPY --from=build /app/protocol ./protocol
COPY --from=build /app/proto ./proto
COPY --from=build /app/lib ./lib
COPY --from=build /app/web/dist ./web/dist
# Numeric, so Kubernetes' runAsNonRoot can verify it (a user name cannot be
# checked); 1000 is the `node` user of the official images.
USER 1000:1000
EXPOSE 8080
ENTRYPOINT ["node", "--import", "tsx", "cli/main.ts"]
CMD ["gateway"]
