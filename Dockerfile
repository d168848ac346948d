# syntax=docker/dockerfile:1
# Multi-stage build of the restaking ledger node; README "Docker" documents how to run it
# (a full node by default, a validator with keys inserted in the container).
#   docker build -t restaking-node .
#   docker run -d -p 30333:30333 -p 9944:9944 -p 9615:9615 -v restaking-data:/data restaking-node
# No container engine runs in CI: scripts/check-readme.py runs docker/entrypoint.sh, the CMD,
# the HEALTHCHECK and README's docker commands natively against the built binary.

FROM rust:1.95-bookworm AS builder
RUN apt-get update \
	&& apt-get install -y --no-install-recommends protobuf-compiler \
	&& rm -rf /var/lib/apt/lists/*
WORKDIR /build
# The toolchain, wasm targets and rust-src of rust-toolchain.toml.
COPY rust-toolchain.toml .
RUN rustup toolchain install
COPY . .
# The cargo registry and the target dir are build caches: a rebuild after a source change
# recompiles only what changed. The binary is copied out of the cache mount.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
	--mount=type=cache,target=/usr/local/cargo/git \
	--mount=type=cache,target=/build/target \
	cargo build --locked --release -p restaking-node \
	&& cp target/release/restaking-node /usr/local/bin/restaking-node

FROM debian:bookworm-slim
RUN apt-get update \
	&& apt-get install -y --no-install-recommends ca-certificates \
	&& rm -rf /var/lib/apt/lists/* \
	&& useradd --create-home --uid 1000 --home-dir /home/restaking restaking \
	&& mkdir -p /data /specs \
	&& chown -R restaking:restaking /data
COPY --from=builder /usr/local/bin/restaking-node /usr/local/bin/restaking-node
COPY --from=builder /build/chain-specs /specs
COPY docker/entrypoint.sh /usr/local/bin/docker-entrypoint.sh
USER restaking
# p2p, JSON-RPC (HTTP + WebSocket), Prometheus
EXPOSE 30333 9944 9615
VOLUME ["/data"]
# Node options run the node with its chain data in /data; subcommands (`key ...`,
# `build-spec ...`) run as given; see docker/entrypoint.sh.
ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]
# By default: a full node (not a validator) of the committed local testnet spec, safe RPC
# methods on every interface, Prometheus metrics exported.
CMD ["--chain", "/specs/local-raw.json", "--name", "restaking-full-node", "--rpc-external", "--rpc-cors", "all", "--prometheus-external"]
# The node's RPC answers GET /health (liveness: the node runs and serves RPC).
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
	CMD ["/usr/local/bin/docker-entrypoint.sh", "healthcheck"]
