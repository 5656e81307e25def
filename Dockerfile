# One image for both processes; docker-compose.yml picks the command (npm run start:api / start:worker). The API also serves the console (dist/web) at /.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm run build:web && npm prune --omit=dev

FROM node:20-bookworm-slim
# the CJK font bulletins are printed in as PDF (PDF_FONT_PATH)
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends fonts-wqy-microhei && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# the working calendar's years beyond chinese-days (CALENDAR_FILE); mount another file over it to update without a new image
COPY --from=build /app/config ./config
# the reverse proxy of docker-compose.yml's scale profile (plain JavaScript, not built)
COPY --from=build /app/scripts/proxy.js ./scripts/proxy.js
# not root: the image's user node (uid 1000) owns nothing it could change; uploads go to PostgreSQL, logs to stdout
USER node
# 3000: the API (and console); 3001: the worker's health port (WORKER_HEALTH_PORT)
EXPOSE 3000 3001
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:3000/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["node", "dist/apps/api/src/main.js"]
