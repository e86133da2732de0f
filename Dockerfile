# Node 22 LTS in production; the code also runs on Node 20.12+ (the test machines), see engines in package.json.
FROM node:22-bookworm-slim
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build
ENV NODE_ENV=production
EXPOSE 3000
CMD ["./node_modules/.bin/next", "start", "-p", "3000"]
