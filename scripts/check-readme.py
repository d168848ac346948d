#!/usr/bin/env python3
"""Runs README.md's shell commands as README writes them, from the repository root.

Every ```sh block of README.md follows a marker comment, `<!-- readme:NAME -->` (or
`<!-- quickstart:NAME -->`); this script fails on a block without one and on a marker it does
not know. Each block is either run here or named with the place that runs it:

  readme:local-testnet          the four validator commands, each in the background: all four
                                peer (3 peers each) and finalize; then stopped (SIGINT)
  readme:launch-network         the launch-kit command (my-network/ in the repo root, removed
  readme:launch-network-start   after), then validator 1's start command: it runs the generated
                                chain as an authority with the generated node key
  readme:docker                 natively, through the Dockerfile: every `docker run` becomes the
  readme:docker-validator       image's ENTRYPOINT (docker/entrypoint.sh) with the image's paths
                                mapped (a directory per named volume for /data, chain-specs/ for
                                /specs, the built binary), its CMD when no arguments follow the
                                image, its HEALTHCHECK to tell a detached container is up, and
                                `docker stop` as SIGTERM; the full node runs the local chain,
                                the validator's peer id and BABE/GRANDPA keys are the ones its
                                one-off containers generated and inserted, and an unsafe RPC
                                port is published on 127.0.0.1 only
  readme:grandpa-curl           against a dev node started with the quick-start command
  readme:rpc-curl               (scripts/dev-node.sh); each answer matches the `# {...}` line
                                under its command (`...` matches any text in a string)
  quickstart:dev-node/test      .ci/run, through scripts/check-quickstart.sh
  readme:e2e                    scripts/test.sh (2/4) runs this block's lines
  readme:local-testnet-crash    scripts/test.sh (3/4)
  readme:benchmark-*            not run in CI: the benchmark build is a second 35-minute cold
                                build (their output, the weights, is committed and tested)

The node binary is $NODE_BIN, else $CARGO_TARGET_DIR/release/restaking-node (default target dir
~/.cache/restaking-target). It uses README's fixed ports (9944-9947, 30333-30336, 9615-9618) and
its base paths (/tmp/alice ... /tmp/dave, removed before and after). Prints PASS/FAIL lines;
exits 1 on the first failure.
"""

import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
README = os.path.join(REPO, "README.md")
SANDBOX = tempfile.mkdtemp(prefix="restaking-readme.")
PROCESSES = []  # (name, Popen) still running
ALICE_SR25519 = "0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d"
ALICE_ED25519 = "0x88dc3417d5058ec4b4503e0c12ea1a0a89be200fe98922423d4334014fa6b0ee"


class Failure(Exception):
    pass


def log(message):
    print(message, flush=True)


def node_binary():
    if os.environ.get("NODE_BIN"):
        return os.environ["NODE_BIN"]
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.expanduser("~/.cache/restaking-target")
    return os.path.join(target, "release", "restaking-node")


def readme_blocks():
    """[(marker, first line number, [lines])] of every ```sh block, marker None if missing."""
    lines = open(README, encoding="utf-8").read().split("\n")
    blocks, marker, i = [], None, 0
    while i < len(lines):
        line = lines[i]
        m = re.fullmatch(r"<!-- ((?:readme|quickstart):[a-z0-9-]+) -->", line.strip())
        if m:
            marker = m.group(1)
        elif line.startswith("```sh"):
            body, start = [], i + 1
            i += 1
            while not lines[i].startswith("```"):
                body.append(lines[i])
                i += 1
            blocks.append((marker, start + 1, body))
            marker = None
        elif line.strip():
            marker = None if not line.startswith("<!--") else marker
        i += 1
    return blocks


def commands(body):
    """The commands of a block: continuation lines joined; comment lines after a command are
    its expected output ([(command, [expected lines])])."""
    out, current = [], ""
    for line in body:
        if current:
            current += "\n" + line
        elif line.startswith("#"):
            if out:
                out[-1][1].append(line[1:].strip())
            continue
        elif line.strip():
            current = line
        if current and not current.endswith("\\"):
            out.append((current, []))
            current = ""
    return out


def rpc(port, method, params=(), timeout=5):
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": list(params)}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}", body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        answer = json.load(response)
    if "error" in answer:
        raise Failure(f"{method} on port {port}: {answer['error']}")
    return answer["result"]


def wait_for(what, check, timeout):
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        try:
            result = check()
            if result:
                return result
        except Exception as error:  # not up yet
            last = error
        time.sleep(1)
    raise Failure(f"{what}: not within {timeout} s (last error: {last})")


def start(name, argv, env=None, cwd=REPO):
    """Start `argv` in its own process group, output to a log file."""
    logfile = open(os.path.join(SANDBOX, f"{name}.log"), "w")
    process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=logfile, stderr=subprocess.STDOUT, start_new_session=True)
    process.logfile = logfile.name
    PROCESSES.append((name, process))
    return process


def stop(process, sig=signal.SIGINT, timeout=30):
    """Signal the process group; wait for it; return the exit code."""
    try:
        os.killpg(process.pid, sig)
    except ProcessLookupError:
        pass
    try:
        code = process.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        code = process.wait()
        raise Failure(f"pid {process.pid} did not stop within {timeout} s of {sig.name}")
    finally:
        PROCESSES[:] = [(n, p) for (n, p) in PROCESSES if p is not process]
    return code


def tail(process, n=15):
    with open(process.logfile, errors="replace") as f:
        return "".join(f.readlines()[-n:])


def bash(command):
    return ["bash", "-c", command]


def remove_base_paths(paths):
    for path in paths:
        if os.path.exists(path):
            if not os.path.isdir(os.path.join(path, "chains")):
                raise Failure(f"{path} exists and is not a node base path: not removing it")
            shutil.rmtree(path)


# ---- blocks run here ---------------------------------------------------------------------


def require_free_ports(ports):
    """README's commands use fixed ports; a node finding one taken would move to another."""
    import socket

    for port in ports:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                raise Failure(f"port {port} is in use (README's commands need it): stop what listens there")


def check_local_testnet(body):
    cmds = [c for c, _ in commands(body)]
    if len(cmds) != 4:
        raise Failure(f"expected the four validators' commands, found {len(cmds)}")
    require_free_ports(
        int(port) for c in cmds for port in re.findall(r"--(?:rpc-port|port|prometheus-port) (\d+)", c)
    )
    base_paths = [re.search(r"--base-path (\S+)", c).group(1) for c in cmds]
    rpc_ports = [int(re.search(r"--rpc-port (\d+)", c).group(1)) for c in cmds]
    remove_base_paths(base_paths)
    try:
        nodes = [start(f"local-{i}", bash(c)) for i, c in enumerate(cmds)]

        def all_finalized():
            for node, port in zip(nodes, rpc_ports):
                if node.poll() is not None:
                    raise Failure(f"the node on RPC port {port} exited ({node.returncode}):\n{tail(node)}")
            heights = []
            for port in rpc_ports:
                if rpc(port, "system_health")["peers"] != 3:
                    return False
                head = rpc(port, "chain_getFinalizedHead")
                heights.append(int(rpc(port, "chain_getHeader", [head])["number"], 16))
            return min(heights) >= 2 and heights

        heights = wait_for("four validators peered and finalizing", all_finalized, 180)
        log(f"PASS: README local testnet: 4 validators, 3 peers each, finalized heights {heights}")
        for node in nodes:
            stop(node)
    finally:
        remove_base_paths(base_paths)


def check_launch_network(body, start_body):
    (command, _), = commands(body)
    out_dir = os.path.join(REPO, shlex.split(command.replace("\\\n", " "))[-1])
    if os.path.exists(out_dir):
        raise Failure(f"{out_dir} exists: the README command would write into it; move it away")
    try:
        result = subprocess.run(bash(command), cwd=REPO, capture_output=True, text=True, timeout=300)
        if result.returncode != 0:
            raise Failure(f"launch-network.sh exited {result.returncode}:\n{result.stderr[-2000:]}")
        spec = json.load(open(os.path.join(out_dir, "chain-spec-raw.json")))
        (start_command, _), = commands(start_body)
        node = start("validator-1", bash(start_command))
        port = 9944

        def up():
            if node.poll() is not None:
                raise Failure(f"validator 1 exited ({node.returncode}):\n{tail(node)}")
            return rpc(port, "system_chain")

        chain = wait_for("validator 1 answering RPC", up, 60)
        if chain != spec["name"]:
            raise Failure(f"validator 1 runs {chain!r}, not the generated {spec['name']!r}")
        roles = rpc(port, "system_nodeRoles")
        if roles != ["Authority"]:
            raise Failure(f"validator 1 roles {roles}")
        keystore = os.path.join(out_dir, "validator-1", "chains", spec["id"], "keystore")
        babe = [f for f in os.listdir(keystore) if f.startswith("62616265")]  # "babe"
        gran = [f for f in os.listdir(keystore) if f.startswith("6772616e")]  # "gran"
        for key_type, files in (("babe", babe), ("gran", gran)):
            if len(files) != 1 or not rpc(port, "author_hasKey", ["0x" + files[0][8:], key_type]):
                raise Failure(f"validator 1 does not hold its generated {key_type} key ({files})")
        log(f"PASS: README launch kit: {spec['name']!r} generated; validator 1 runs it as an authority with its generated babe and gran keys")
        code = stop(node)
        if code != 0:
            raise Failure(f"validator 1 exited {code} on SIGINT")
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)


class Image:
    """The Dockerfile's runtime stage, run natively."""

    def __init__(self):
        text = open(os.path.join(REPO, "Dockerfile"), encoding="utf-8").read().replace("\\\n", " ")
        runtime = text[text.rindex("\nFROM "):]
        self.entrypoint = json.loads(re.search(r"^ENTRYPOINT (\[.*\])$", runtime, re.M).group(1))
        self.cmd = json.loads(re.search(r"^CMD (\[.*\])$", runtime, re.M).group(1))
        self.healthcheck = json.loads(re.search(r"^HEALTHCHECK .*?CMD (\[.*\])$", runtime, re.M).group(1))
        # Image path -> local path, from the COPY lines of the runtime stage.
        self.paths = {}
        for src, dst in re.findall(r"^COPY (?:--from=\S+ )?(\S+) (\S+)$", runtime, re.M):
            if src.startswith("/build/"):
                src = src[len("/build/"):]
            local = node_binary() if dst == "/usr/local/bin/restaking-node" else os.path.join(REPO, src)
            if not os.path.exists(local):
                raise Failure(f"Dockerfile copies {src} to {dst}, which does not exist here")
            self.paths[dst] = local
        self.volumes = os.path.join(SANDBOX, "volumes")
        self.containers = {}

    def map_path(self, arg, volume_dir):
        mapping = dict(self.paths)
        if volume_dir:
            mapping["/data"] = volume_dir
        for image_path, local in sorted(mapping.items(), key=lambda kv: -len(kv[0])):
            if arg == image_path or arg.startswith(image_path + "/"):
                return local + arg[len(image_path):]
        return arg

    def argv(self, args, volume_dir):
        return self.argv_of(self.entrypoint + (args or self.cmd), volume_dir)

    def env(self, volume_dir):
        env = dict(os.environ, RESTAKING_NODE=self.paths["/usr/local/bin/restaking-node"])
        env["RESTAKING_DATA"] = volume_dir or os.path.join(SANDBOX, "anonymous-volume")
        return env

    def healthy(self, volume_dir):
        return subprocess.run(self.argv_of(self.healthcheck, volume_dir), env=self.env(volume_dir), timeout=15).returncode == 0

    def argv_of(self, argv, volume_dir):
        return [self.map_path(a, volume_dir) for a in argv]

    def run(self, words):
        """`docker run [options] restaking-node [args]`: returns (container, stderr of a
        foreground run)."""
        options = {"detach": False, "name": None, "ports": [], "volume": None}
        i = 0
        while words[i] != "restaking-node":
            word = words[i]
            if word in ("-d", "--detach"):
                options["detach"] = True
            elif word == "--rm":
                pass
            elif word == "--name":
                i += 1
                options["name"] = words[i]
            elif word == "-p":
                i += 1
                options["ports"].append(words[i])
            elif word == "-v":
                i += 1
                volume, _, path = words[i].partition(":")
                if path != "/data":
                    raise Failure(f"volume {words[i]}: the image's volume is /data")
                options["volume"] = os.path.join(self.volumes, volume)
                os.makedirs(options["volume"], exist_ok=True)
            else:
                raise Failure(f"docker option {word} is not emulated by this check")
            i += 1
        args = words[i + 1:]
        self.check_unsafe_rpc_published_locally(args, options["ports"])
        argv = self.argv(args, options["volume"])
        env = self.env(options["volume"])
        if not options["detach"]:
            result = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120)
            if result.returncode != 0:
                raise Failure(f"{' '.join(argv)} exited {result.returncode}:\n{result.stderr[-2000:]}")
            return None, result.stderr
        if self.healthy(options["volume"]):
            raise Failure("the HEALTHCHECK passes before the container runs: something else is on its port")
        process = start(f"container-{options['name']}", argv, env=env)

        def healthy():
            if process.poll() is not None:
                raise Failure(f"container {options['name']} exited ({process.returncode}):\n{tail(process)}")
            return self.healthy(options["volume"])

        wait_for(f"container {options['name']} healthy (HEALTHCHECK)", healthy, 90)
        self.containers[options["name"]] = process
        return options["name"], None

    @staticmethod
    def check_unsafe_rpc_published_locally(args, ports):
        methods = args[args.index("--rpc-methods") + 1].lower() if "--rpc-methods" in args else "auto"
        if "--unsafe-rpc-external" not in args and methods != "unsafe":
            return
        rpc_port = args[args.index("--rpc-port") + 1] if "--rpc-port" in args else "9944"
        for mapping in ports:
            parts = mapping.split(":")
            if parts[-1] == rpc_port and (len(parts) != 3 or parts[0] != "127.0.0.1"):
                raise Failure(f"-p {mapping} publishes an unsafe RPC port beyond 127.0.0.1")
        if not any(m.split(":")[-1] == rpc_port for m in ports):
            raise Failure("the unsafe RPC port is not published at all")

    def stop(self, name):
        process = self.containers.pop(name)
        code = stop(process, signal.SIGTERM)
        if code != 0:
            raise Failure(f"container {name} exited {code} on docker stop (SIGTERM)")


def check_docker(image, body, then):
    stderr_of = []
    for command, _ in commands(body):
        words = shlex.split(command.replace("\\\n", " "))
        if words[:2] == ["docker", "build"]:
            if words[-1] != "." or not os.path.exists(os.path.join(REPO, "Dockerfile")):
                raise Failure(f"{command}: not a build of this repository's Dockerfile")
            log("SKIP: docker build (no container engine here: the Dockerfile's runtime stage is run natively)")
        elif words[:2] == ["docker", "run"]:
            name, stderr = image.run(words[2:])
            if name:
                then(name, image.containers[name], stderr_of)
            else:
                stderr_of.append(stderr)
        elif words[:2] == ["docker", "stop"]:
            image.stop(words[2])
        else:
            raise Failure(f"{command}: not a docker command this check emulates")


def check_docker_full_node(image, body):
    spec = json.load(open(os.path.join(REPO, "chain-specs", "local-raw.json")))

    def then(name, process, _):
        chain, roles = rpc(9944, "system_chain"), rpc(9944, "system_nodeRoles")
        if chain != spec["name"] or roles != ["Full"]:
            raise Failure(f"the image's default runs {chain!r} as {roles}, not a full node of {spec['name']!r}")
        if not prometheus_up(9615):
            raise Failure("the image's default exports no substrate metrics on 9615")
        log(f"PASS: docker default (CMD): a full node of {chain!r}, healthy, metrics on 9615")

    check_docker(image, body, then)


def prometheus_up(port):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
        return b"substrate_block_height" in response.read()


def check_docker_validator(image, body):
    def then(name, process, stderr_of):
        peer_id = stderr_of[0].strip().split("\n")[-1]
        if rpc(9944, "system_localPeerId") != peer_id:
            raise Failure(f"the validator's peer id is not the generated node key's ({peer_id})")
        if rpc(9944, "system_nodeRoles") != ["Authority"]:
            raise Failure("the validator does not run as an authority")
        for key, key_type in ((ALICE_SR25519, "babe"), (ALICE_ED25519, "gran")):
            if not rpc(9944, "author_hasKey", [key, key_type]):
                raise Failure(f"the validator's keystore lacks the inserted {key_type} key")
        log(f"PASS: docker validator: node key generated in the volume (peer id {peer_id}), babe and gran keys inserted there and held by the running authority")

    check_docker(image, body, then)


def check_curls(blocks):
    node = start("dev-node", ["scripts/dev-node.sh"])
    try:
        wait_for("the quick-start dev node answering on 9944", lambda: rpc(9944, "chain_getHeader")["number"] != "0x0", 300)
        for name, body in blocks:
            for command, expected in commands(body):
                result = subprocess.run(bash(command), cwd=REPO, capture_output=True, text=True, timeout=30)
                answer = result.stdout.strip()
                if result.returncode != 0 or not answer:
                    raise Failure(f"{command}: exit {result.returncode}, output {answer!r}")
                if expected:
                    pattern = "".join("[^\"]*" if part == "..." else re.escape(part) for part in re.split(r"(\.\.\.)", expected[0]))
                    if not re.fullmatch(pattern, answer):
                        raise Failure(f"{command}:\n  answered {answer}\n  README says {expected[0]}")
                elif "result" not in json.loads(answer):
                    raise Failure(f"{command}: no result: {answer}")
            log(f"PASS: README {name}: every curl answers as README shows")
    finally:
        stop(node)


# ---- the blocks run elsewhere ---------------------------------------------------------------

ELSEWHERE = {
    "quickstart:dev-node": ".ci/run (scripts/check-quickstart.sh dev-node)",
    "quickstart:test": ".ci/run (scripts/check-quickstart.sh test)",
    "readme:e2e": "scripts/test.sh 2/4",
    "readme:local-testnet-crash": "scripts/test.sh 3/4",
    "readme:benchmark-weights": None,
    "readme:benchmark-report": None,
}


def main():
    blocks = readme_blocks()
    by_marker = {}
    for marker, line, body in blocks:
        if marker is None:
            raise Failure(f"README.md:{line}: a sh block without a <!-- readme:NAME --> marker")
        if marker in by_marker:
            raise Failure(f"README.md:{line}: marker {marker} used twice")
        by_marker[marker] = body
    known = set(ELSEWHERE) | {
        "readme:local-testnet", "readme:launch-network", "readme:launch-network-start",
        "readme:docker", "readme:docker-validator", "readme:grandpa-curl", "readme:rpc-curl",
    }
    unknown = set(by_marker) - known
    if unknown:
        raise Failure(f"README blocks this check does not run: {sorted(unknown)}")
    test_sh = open(os.path.join(REPO, "scripts", "test.sh")).read()
    if "readme_block e2e" not in test_sh or "scripts/local-testnet.sh" not in test_sh:
        raise Failure("scripts/test.sh no longer runs README's e2e block and the testnet script")
    for marker, where in ELSEWHERE.items():
        log(f"SKIP: {marker}: {'run by ' + where if where else 'not run in CI (a second cold build: the benchmark feature)'}")

    require_free_ports([9944, 9615, 30333])
    if not os.access(node_binary(), os.X_OK):
        raise Failure(f"no node binary at {node_binary()} (build it, or set NODE_BIN)")
    check_local_testnet(by_marker["readme:local-testnet"])
    check_launch_network(by_marker["readme:launch-network"], by_marker["readme:launch-network-start"])
    image = Image()
    check_docker_full_node(image, by_marker["readme:docker"])
    check_docker_validator(image, by_marker["readme:docker-validator"])
    check_curls([("GRANDPA RPC", by_marker["readme:grandpa-curl"]), ("custom RPC", by_marker["readme:rpc-curl"])])
    log("PASS: every README command block ran as written (or is run by the script named above)")


def terminated(signum, _frame):
    raise Failure(f"stopped by signal {signum}")


if __name__ == "__main__":
    code = 0
    # A SIGTERM (e.g. from `timeout`) still stops every node this check started.
    signal.signal(signal.SIGTERM, terminated)
    try:
        main()
    except Failure as failure:
        log(f"FAIL: {failure}")
        code = 1
    finally:
        for name, process in list(PROCESSES):
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        shutil.rmtree(SANDBOX, ignore_errors=True)
    sys.exit(code)
