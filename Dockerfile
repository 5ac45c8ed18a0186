# Image for the API and the worker (see temporal-compose.yml):
#   docker build -t order-bpm .
#   docker run ... order-bpm                                              -> API on port 3000
#   docker run ... order-bpm node --enable-source-maps dist/main.js worker -> Temporal worker
# Built in one stage with the dev dependencies (esbuild, the Temporal bundler, Vite); the
# runtime stage has the production dependencies only and runs the compiled JavaScript.

FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY web/package.json ./web/
# postinstall applies these fixes to installed packages (patch-package).
COPY patches ./patches
RUN npm install --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
COPY workflows ./workflows
COPY activities ./activities
COPY migrations ./migrations
COPY web ./web
RUN npm run build

FROM node:20-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
COPY web/package.json ./web/
COPY patches ./patches
RUN npm install --omit=dev --no-audit --no-fund \
 && npm cache clean --force
COPY migrations ./migrations
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
# DATA_DIR (.data) is only used without DATABASE_URL / TEMPORAL_ADDRESS, but keep it writable.
RUN mkdir -p /app/.data && chown 1000:1000 /app/.data
# The image's unprivileged "node" user, by number so any runtime can resolve it.
USER 1000:1000
EXPOSE 3000
# Ready means the database and Temporal answer; the worker's service turns this off.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/readyz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM drains: the API finishes its requests, the worker its running activities.
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "dist/main.js", "api"]
