# The widget is bundled with esbuild (a dev dependency) in a build stage; the image itself carries only
# the production dependencies and the built dist/widget.
FROM node:20-bookworm-slim AS widget
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:widget

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
COPY --from=widget /app/dist/widget ./dist/widget
EXPOSE 3000
# Not `npm start`: its prestart step rebuilds the widget, which needs the dev dependencies.
CMD ["node", "--import", "tsx", "server/main.ts"]
