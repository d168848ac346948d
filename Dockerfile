# syntax=docker/dockerfile:1
# Multi-stage build of the restaking ledger node.
#   docker build -t restaking-node .
#   docker run --rm -p 9944:9944 -p 30333:30333 -p 9615:9615 restaking-node --dev --rpc-external

FROM rust:1.95-bookworm AS builder
RUN apt-get update \
	&& apt-get install -y --no-install-recommends protobuf-compiler \
	&& rm -rf /var/lib/apt/lists/*
WORKDIR /build
# The toolchain, wasm targets and rust-src of rust-toolchain.toml.
COPY rust-toolchain.toml .
RUN rustup toolchain install
COPY . .
RUN cargo build --locked --release -p restaking-node

FROM debian:bookworm-slim
RUN apt-get update \
	&& apt-get install -y --no-install-recommends ca-certificates \
	&& rm -rf /var/lib/apt/lists/* \
	&& useradd --create-home --uid 1000 --home-dir /home/restaking restaking \
	&& mkdir -p /data /specs \
	&& chown -R restaking:restaking /data
COPY --from=builder /build/target/release/restaking-node /usr/local/bin/restaking-node
COPY --from=builder /build/chain-specs /specs
USER restaking
# p2p, JSON-RPC (HTTP + WebSocket), Prometheus
EXPOSE 30333 9944 9615
VOLUME ["/data"]
ENTRYPOINT ["/usr/local/bin/restaking-node", "--base-path", "/data"]
CMD ["--dev", "--rpc-external", "--rpc-cors", "all", "--prometheus-external"]
