# Calumet: one image for both roles (CALUMET_ROLES=api, worker, or api,worker).
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts/bundle.mjs ./scripts/
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# Chromium takes the browser captures (worker); its headless shell prints dossier.pdf and letters (API).
RUN apt-get update && apt-get install -y --no-install-recommends chromium chromium-headless-shell fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
RUN mkdir -p /app/data && chown -R node:node /app/data
USER node
EXPOSE 3000
# dist/bundle/: the app in one file, quicker to start than dist/main.js (docs/architecture.md, "Layout", says why).
CMD ["node", "dist/bundle/main.js"]
