# Image for the API and the worker (see temporal-compose.yml):
#   docker build -t order-bpm .
#   docker run ... order-bpm                               -> API on port 3000
#   docker run ... order-bpm npx tsx src/main.ts worker    -> Temporal worker
# The web front end is built in a stage of its own: its packages (Vite, React, ECharts…)
# are bundled into web/dist and never installed in the runtime image.
FROM node:20-slim AS web
WORKDIR /app
COPY package.json package-lock.json ./
COPY web/package.json ./web/
RUN npm install --no-audit --no-fund --ignore-scripts
COPY web ./web
RUN npm run build --workspace web

FROM node:20-slim

ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000

WORKDIR /app

# Dependencies first, so source changes do not reinstall them. tsx is a runtime
# dependency, so the production install is enough to run the TypeScript sources.
COPY package.json package-lock.json ./
COPY web/package.json ./web/
# postinstall applies these fixes to installed packages (patch-package).
COPY patches ./patches
RUN npm install --omit=dev --no-audit --no-fund \
 && npm cache clean --force

COPY tsconfig.json ./
COPY src ./src
COPY workflows ./workflows
COPY activities ./activities
COPY migrations ./migrations
COPY --from=web /app/web/dist ./web/dist

# DATA_DIR (.data) is only used without DATABASE_URL / TEMPORAL_ADDRESS, but keep it writable.
RUN mkdir -p /app/.data && chown node:node /app/.data

USER node
EXPOSE 3000
CMD ["npx", "tsx", "src/main.ts", "api"]
