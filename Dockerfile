# A poolsim image for `poolsim sweep --emit-job`: poolsim on the PATH, nothing else.
#   docker build -t REGISTRY/poolsim:0.1.0 . && docker push REGISTRY/poolsim:0.1.0
FROM node:20-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts/bundle.js ./scripts/bundle.js
RUN npm run build

FROM node:20-slim
WORKDIR /opt/poolsim
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /src/dist ./dist
RUN ln -s /opt/poolsim/dist/bin/poolsim.js /usr/local/bin/poolsim
USER node
ENTRYPOINT ["poolsim"]
