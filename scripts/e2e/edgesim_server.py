"""Starts the built `edgesim serve` on free loopback ports for an end-to-end check, and stops it."""
import os
import signal
import socket
import subprocess
import tempfile
import time


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class EdgeSimServer:
    """`with EdgeSimServer(binary) as server:` runs the server until the block ends (SIGTERM, then wait)."""

    def __init__(self, binary, *arguments, state_dir=None):
        self.binary = binary
        self.arguments = list(arguments)
        self.work = tempfile.mkdtemp(prefix="edgesim-e2e-")
        self.state_dir = state_dir or os.path.join(self.work, "state")
        self.http_port, self.https_port, self.control_port = free_port(), free_port(), free_port()
        self.process = None

    @property
    def control_url(self):
        return f"http://127.0.0.1:{self.control_port}"

    def start(self):
        self.log = open(os.path.join(self.work, "out"), "w+")
        self.process = subprocess.Popen(
            [self.binary, "serve", *self.arguments,
             "--http-port", str(self.http_port), "--https-port", str(self.https_port),
             "--control-port", str(self.control_port),
             "--certs-dir", os.path.join(self.work, "certs"), "--state-dir", self.state_dir],
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while time.time() < deadline:
            if "EdgeSim is serving" in self.output():
                return self
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        raise RuntimeError("edgesim did not start:\n" + self.output())

    def output(self):
        self.log.flush()
        with open(self.log.name) as log:
            return log.read()

    def stop(self, sig=signal.SIGTERM):
        if self.process and self.process.poll() is None:
            self.process.send_signal(sig)
            return self.process.wait(timeout=30)
        return self.process.returncode if self.process else None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
