# Daka for self-hosters: build everything, then run the build on a slim Node 20 as a non-root user.
#   docker build -t daka .
#   docker run -p 8080:8080 -v daka-data:/data daka
# compose.yaml runs two instances on PostgreSQL behind a reverse proxy.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# Compilers only in case a native module (better-sqlite3, argon2) has no prebuilt binary for the platform.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY . .
# npm ci runs the package's prepare script: the server into dist/, the web app into dist/web/.
RUN npm ci --no-audit --no-fund \
  && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    DAKA_DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
# The SQLite database and the generated secret key live in the volume, owned by the runtime user.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# What `npm start` runs; `docker run … daka node bin/daka.js migrate` (or user, import, report) runs a command.
CMD ["node", "--max-semi-space-size=8", "dist/main.js"]
