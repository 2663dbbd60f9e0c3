# muxgate compiled to plain JavaScript (`npm run build`: dist/, the demo page
# in dist/web/dist) and run with `node`: no TypeScript loader at run time, so
# the root filesystem can be read-only. One image serves every role;
# Kubernetes picks it with `args` (gateway | service <name>), see deploy/ and
# docs/deploy.md.
#
#   docker build -t muxgate .
#   docker run --rm -e NATS_URL=nats://host.docker.internal:4222 -p 8080:8080 muxgate gateway

ARG BASE=node:24-bookworm-slim

# Production dependencies only: this node_modules goes into the final image.
FROM ${BASE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# Full install for the build: tsc, esbuild and tsx are development dependencies.
FROM ${BASE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM ${BASE} AS runtime
ENV NODE_ENV=production
# V8's young generation grew from Node 22 on (its semi-spaces are sized by the
# heap limit): under 100 clients that never read, a gateway on Node 24 peaked
# at 319 MiB RSS, 228 MiB with 16 MiB semi-spaces, Node 20's size
# (docs/performance.md). test/system/backpressure.test.ts runs with this line.
ENV NODE_OPTIONS=--max-semi-space-size=16
WORKDIR /app
# Files stay owned by root and read-only to the process. package.json says
# "type": "module" for dist/'s .js files.
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/package.json ./
COPY --from=build /app/dist ./dist
# Numeric, so Kubernetes' runAsNonRoot can verify it (a user name cannot be
# checked); 1000 is the `node` user of the official images.
USER 1000:1000
EXPOSE 8080
ENTRYPOINT ["node", "dist/cli/main.js"]
CMD ["gateway"]
