# syntax=docker/dockerfile:1
#
# Fellowship as a small production image: Next's standalone server plus a bundled admin CLI
# that applies migrations (see docker-compose.yml):
#   docker build -t fellowship .
#   docker run -e DATABASE_URL=postgres://user:password@host:5432/fellowship \
#              -e NEXTAUTH_SECRET="$(openssl rand -base64 32)" -e NEXTAUTH_URL=https://fellowship.example.org \
#              -p 3000:3000 fellowship
#
# At start the container runs `fellowship db prepare` (apply migrations; add the demo data to
# an empty database unless FELLOWSHIP_DEMO_DATA=0; several containers starting together wait
# for one another), then `fellowship serve`: Next's standalone build behind the app's own HTTP
# server (request ids, JSON logs, /metrics, readiness, a drain on SIGTERM; ADR 0032).

ARG NODE_IMAGE=node:20-bookworm-slim

# --- deps: node_modules and the generated Prisma client ---------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1
# npm 11 honours "allowScripts" in package.json: it runs only the approved install scripts and
# skips prisma's engine downloads (docs/decisions/0004-npm-install-script-approvals.md).
RUN npm install -g npm@11.19.1
COPY package.json package-lock.json ./
COPY scripts/prisma-generate.mjs scripts/
COPY prisma/schema.prisma prisma/
RUN npm ci --no-audit --no-fund

# --- build: standalone server and bundled CLI -------------------------------------------------
FROM deps AS build
COPY . .
# `next build` needs no database: pages that read data render per request.
RUN NEXT_OUTPUT=standalone npx next build && npm run build:cli

# --- runner ------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runner
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    FELLOWSHIP_PRISMA_DIR=/app/prisma
COPY --from=build --chown=node:node /app/.next/standalone ./
COPY --from=build --chown=node:node /app/.next/static ./.next/static
COPY --from=build --chown=node:node /app/public ./public
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/prisma/schema.prisma ./prisma/
COPY --from=build --chown=node:node /app/prisma/migrations ./prisma/migrations
# The demo data's syllabus, imported by `db prepare` through the markdown importer.
COPY --from=build --chown=node:node /app/prisma/seed/diffusion-track.md ./prisma/seed/
# The migration engine is WebAssembly loaded at run time, so the bundle leaves it outside.
COPY --from=build --chown=node:node /app/node_modules/@prisma/schema-engine-wasm ./node_modules/@prisma/schema-engine-wasm
# The group optimiser's solver (HiGHS as WebAssembly), loaded by the CLI and worker when they solve.
COPY --from=build --chown=node:node /app/node_modules/highs ./node_modules/highs
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# exec: the server becomes the main process and receives `docker stop`'s SIGTERM (give it a
# stop grace period above FELLOWSHIP_DRAIN_SECONDS + FELLOWSHIP_SHUTDOWN_TIMEOUT_SECONDS).
CMD ["sh", "-c", "node dist/fellowship.mjs db prepare && exec node --max-semi-space-size=32 dist/fellowship.mjs serve"]
