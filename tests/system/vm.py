#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The system test's VM: qemu-system-x86_64 under TCG with virtio-gpu,
qemu-xhci and a USB keyboard, driven through its QMP socket (one client per
socket: this one) and the test agent on its second serial port
(tests/system/agent). Only the standard library."""

import base64
import json
import os
import socket
import subprocess
import time


class VMError(Exception):
    pass


class QMP:
    """One QMP connection: commands in, their answers out; events are kept."""

    def __init__(self, path, timeout=30):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.sock.connect(path)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise VMError(f"no QMP socket at {path}")
                time.sleep(0.2)
        self.buf = b""
        self.events = []
        self._read()  # the greeting
        self.cmd("qmp_capabilities")

    def _read(self, timeout=60):
        self.sock.settimeout(timeout)
        while b"\n" not in self.buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise VMError("QMP closed")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)

    def cmd(self, name, timeout=60, **args):
        msg = {"execute": name}
        if args:
            msg["arguments"] = args
        self.sock.sendall(json.dumps(msg).encode() + b"\n")
        while True:
            r = self._read(timeout)
            if "event" in r:
                self.events.append(r)
                continue
            if "error" in r:
                raise VMError(f"QMP {name}: {r['error'].get('desc')}")
            return r.get("return")

    def close(self):
        self.sock.close()


class Agent:
    """The root shell of the test inside the VM, on ttyS1."""

    def __init__(self, path):
        self.path = path
        self.sock = None
        self.buf = b""

    def connect(self, timeout):
        deadline = time.monotonic() + timeout
        while self.sock is None:
            try:
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                s.connect(self.path)
                self.sock = s
            except OSError:
                if time.monotonic() > deadline:
                    raise VMError("the agent's socket never appeared")
                time.sleep(0.5)
        # The agent may not run yet, and a half line may sit in the tty:
        # ask until a token comes back.
        n = 0
        while True:
            n += 1
            token = f"agent-alive-{n}"
            self._send(f"echo {token}")
            try:
                out = self._until(f"{token}\n", min(10, max(1, deadline - time.monotonic())))
                if out is not None:
                    self._until("@@", 10)
                    self._until("@@\n", 10)
                    return
            except socket.timeout:
                pass
            if time.monotonic() > deadline:
                raise VMError("the agent never answered")

    def _send(self, cmd):
        self.sock.sendall(base64.b64encode(cmd.encode()) + b"\n")

    def _until(self, marker, timeout):
        """Reads until marker; returns what came before it."""
        m = marker.encode()
        deadline = time.monotonic() + timeout
        while m not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise socket.timeout()
            self.sock.settimeout(left)
            chunk = self.sock.recv(65536)
            if not chunk:
                raise VMError("the agent's socket closed")
            self.buf += chunk
        i = self.buf.index(m)
        out, self.buf = self.buf[:i], self.buf[i + len(m):]
        return out.decode(errors="replace")

    def run(self, cmd, timeout=60):
        """Runs cmd with bash in the VM: (exit status, output)."""
        self.buf = b""
        self._send(cmd)
        try:
            out = self._until("@@rc ", timeout)
            rc = int(self._until("@@\n", 10))
        except socket.timeout:
            raise VMError(f"no answer in {timeout} s to: {cmd}")
        return rc, out.replace("\r", "")

    def out(self, cmd, timeout=60):
        """The output of cmd, which must succeed."""
        rc, out = self.run(cmd, timeout)
        if rc != 0:
            raise VMError(f"exit {rc} from: {cmd}\n{out}")
        return out.strip()


class VM:
    def __init__(self, run_dir, kernel, initrd, disk, width, height, log):
        self.dir = run_dir
        self.kernel, self.initrd, self.disk = kernel, initrd, disk
        self.width, self.height = width, height
        self.log = log
        self.proc = None
        self.qmp = None
        self.agent = None
        self.boots = 0

    def start(self):
        self.boots += 1
        qmp = os.path.join(self.dir, "qmp.sock")
        agent = os.path.join(self.dir, "agent.sock")
        for p in (qmp, agent):
            if os.path.exists(p):
                os.unlink(p)
        console = os.path.join(self.dir, f"console-{self.boots}.log")
        cmd = [
            "qemu-system-x86_64", "-accel", "tcg", "-m", "1536", "-smp", "2",
            "-nodefaults", "-no-reboot", "-display", "none",
            "-kernel", self.kernel, "-initrd", self.initrd,
            "-append", "root=/dev/vda rw console=ttyS0 quiet loglevel=4 "
                       "systemd.show_status=false fsck.mode=skip",
            "-drive", f"file={self.disk},format=raw,if=virtio,cache=writeback",
            "-device", f"virtio-gpu-pci,xres={self.width},yres={self.height}",
            "-device", "qemu-xhci,id=xhci",
            "-device", "usb-kbd,bus=xhci.0,id=kbd",
            "-serial", f"file:{console}",
            "-chardev", f"socket,id=agent,path={agent},server=on,wait=off",
            "-serial", "chardev:agent",
            "-qmp", f"unix:{qmp},server=on,wait=off",
            "-rtc", "base=utc,clock=host",
        ]
        self.started = time.monotonic()
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                                     stdout=self.log, stderr=self.log)
        self.qmp = QMP(qmp)
        self.agent = Agent(agent)

    def wait_agent(self, timeout):
        self.agent.connect(timeout)

    def screendump(self, path):
        """The screen as qemu shows it, a PPM file."""
        if os.path.exists(path):
            os.unlink(path)
        self.qmp.cmd("screendump", filename=path)
        return path

    def key(self, qcode, hold=0.15):
        """Presses and releases a key of the USB keyboard."""
        ev = lambda down: {"type": "key", "data": {
            "down": down, "key": {"type": "qcode", "data": qcode}}}
        # No device: the events go to the one keyboard, the USB one.
        self.qmp.cmd("input-send-event", events=[ev(True)])
        time.sleep(hold)
        self.qmp.cmd("input-send-event", events=[ev(False)])

    def plug_stick(self, name, image):
        self.qmp.cmd("blockdev-add", driver="raw", **{"node-name": name},
                     file={"driver": "file", "filename": image})
        self.qmp.cmd("device_add", driver="usb-storage", bus="xhci.0",
                     drive=name, id=name, removable=True)

    def unplug_stick(self, name, timeout=60):
        self.qmp.cmd("device_del", id=name)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not any(e.get("event") == "DEVICE_DELETED" and
                       e.get("data", {}).get("device") == name for e in self.qmp.events):
                # Events arrive with any command's answer.
                self.qmp.cmd("query-status")
                time.sleep(0.5)
                continue
            self.qmp.events = [e for e in self.qmp.events
                               if e.get("data", {}).get("device") != name]
            self.qmp.cmd("blockdev-del", **{"node-name": name})
            return
        raise VMError(f"the stick {name} was not released by the guest")

    def power_cut(self):
        """QMP quit: the guest's RAM is lost; what qemu wrote stays."""
        try:
            self.qmp.cmd("quit", timeout=10)
        except (VMError, OSError):
            pass
        self.stop()

    def stop(self):
        if self.proc is None:
            return
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc = None
        for c in (self.qmp, self.agent and self.agent.sock):
            try:
                c and c.close()
            except OSError:
                pass

    def shutdown(self, timeout=90):
        """A clean power-off through the agent (a clean journal), else quit."""
        try:
            self.agent.run("systemctl poweroff --no-block", 20)
            self.proc.wait(timeout=timeout)
        except (VMError, OSError, subprocess.TimeoutExpired):
            self.power_cut()
        self.stop()
