# syntax=docker/dockerfile:1
#
# Fellowship, built once and run with DATABASE_URL (see docker-compose.yml):
#   docker build -t fellowship .
#   docker run -e DATABASE_URL=postgres://user:password@host:5432/fellowship -p 3000:3000 fellowship
#
# The container runs src/cli/start.ts, the same start-up as `npm start`: apply migrations,
# add the demo data to an empty database (FELLOWSHIP_DEMO_DATA=0 turns that off), then
# `next start`. Why not Next's standalone server.js? Migrations run through tsx and
# @prisma/schema-engine-wasm (docs/decisions/0001-offline-prisma-migrations.md), which the
# standalone output does not trace, and start.ts also seeds and stops cleanly on SIGTERM.
# So the runner keeps the whole app (node_modules and sources) rather than .next/standalone.

ARG NODE_IMAGE=node:20-bookworm-slim

# --- deps: node_modules and the generated Prisma client ---------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 \
    CHECKPOINT_DISABLE=1 \
    PRISMA_HIDE_UPDATE_MESSAGE=1
# The image's npm 10 ignores "allowScripts" in package.json and would run every dependency's
# install script, including those of prisma and @prisma/engines, which download native
# engines. npm 11, which the project uses, runs only the approved ones
# (docs/decisions/0004-npm-install-script-approvals.md).
RUN npm install -g npm@11.19.1
# What `npm ci` and the project's postinstall need. The postinstall
# (node scripts/prisma-generate.mjs) generates the Prisma client offline from
# prisma/schema.prisma into src/generated/prisma. Dev dependencies are needed: the Prisma CLI
# generates the client and the build uses TypeScript and Tailwind.
COPY package.json package-lock.json ./
COPY scripts/prisma-generate.mjs scripts/
COPY prisma/schema.prisma prisma/
RUN npm ci --no-audit --no-fund

# --- build: the production build, stamped as current -----------------------------------------
FROM deps AS build
COPY . .
# `next build` needs no database: pages that read data render per request.
# start.ts rebuilds unless .next/fellowship-build-stamp matches a hash of the sources
# (src/cli/build-stamp.ts); `next build` alone does not write it, so write it here. The runner
# gets these exact files, so the container starts without building again.
# .next/standalone and the build cache are not used by `next start`.
RUN npx next build \
 && node node_modules/tsx/dist/cli.mjs -e "import { writeBuildStamp } from './src/cli/build-stamp.ts'; writeBuildStamp(process.cwd());" \
 && rm -rf .next/standalone .next/cache

# --- runner ------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runner
WORKDIR /app
# HOSTNAME: Docker sets it to the container's name, and start.ts passes it to `next start`,
# which would then listen on that address only; 0.0.0.0 listens on every interface.
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0
RUN chown node:node /app
# Owned by the unprivileged user, so Next can write its runtime cache in .next/cache.
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# What `npm start` runs, without npm in between, so SIGTERM from `docker stop` reaches
# start.ts, which stops Next and exits.
CMD ["node", "node_modules/tsx/dist/cli.mjs", "src/cli/start.ts"]
